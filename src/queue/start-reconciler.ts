import type { Leadership } from "./leadership.js";
import { reconcileOpenPulls, type ReconcileDeps, type ReconcileResult } from "./reconcile-open-pulls.js";

/** A reconciler pass's dependencies plus its schedule. */
export interface ReconcilerOptions extends ReconcileDeps {
  intervalMs: number;
  /** Which replica runs the passes: only the leader does (the others keep asking, and take over when it is gone). */
  leadership: Leadership;
  /** After each pass (metrics, logs); null when another replica leads and this one left the pass to it. */
  onPass?: (result: ReconcileResult | null) => void;
}

/**
 * Runs a reconciler pass at start (what happened while the app was down) and then every `intervalMs`. Passes never
 * overlap: the next one is scheduled when the previous one ends. Among replicas only the leader runs them, so GitHub
 * sees one pass per interval however many there are. `stop` waits for a running pass and gives the lead up.
 */
export function startReconciler(options: ReconcilerOptions): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let stopped = false;
  const pass = () => {
    running = options.leadership
      .leads()
      .then(async (leads) => options.onPass?.(leads ? await reconcileOpenPulls(options) : null))
      .catch((error: unknown) => options.onError?.(error, "reconciler pass"))
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(pass, options.intervalMs).unref();
      });
  };
  // Unref'd: a pending reconciler pass never keeps a stopping process alive.
  timer = setTimeout(pass, 0).unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await options.leadership.close();
    },
  };
}
