import type { AuditStore, PruneResult } from "./audit-store.js";

/** AUDIT_RETENTION_DAYS applied to a store, with where to report each prune. */
export interface RetentionOptions {
  store: AuditStore;
  /** Records older than this many days are pruned. */
  days: number;
  /** How often to prune; daily by default. */
  intervalMs?: number;
  now?: () => Date;
  /** Every prune is reported, empty ones included: retention is never silent. */
  onPrune(result: PruneResult, cutoff: Date): void;
  onError(error: unknown): void;
}

/**
 * Applies AUDIT_RETENTION_DAYS: prunes at start and then every `intervalMs`. Only started when retention is configured
 * — without it the log is kept forever — and each run leaves a checkpoint and a log line.
 */
export function startRetention(options: RetentionOptions): { stop(): void } {
  const { store, days, intervalMs = 86_400_000, now = () => new Date() } = options;
  const prune = () => {
    const cutoff = new Date(now().getTime() - days * 86_400_000);
    store.prune(cutoff).then((result) => options.onPrune(result, cutoff), options.onError);
  };
  const first = setTimeout(prune, 0).unref();
  const timer = setInterval(prune, intervalMs).unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
