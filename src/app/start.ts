/**
 * `npm start`: the production entry. Validates the configuration before Probot sees it, opens the durable queue and
 * the audit log (SQLite under DATA_DIR, or PostgreSQL when DATABASE_URL is set), starts the server with `/metrics`,
 * the reconciler and audit retention, and drains the queue on SIGTERM so a rolling restart finishes what it started.
 */
import { run } from "probot";
import type { Logger } from "pino";
import { createApp } from "./create-app.js";
import { readAppConfig, ConfigError, type AppConfig } from "./app-config.js";
import { loadDotEnv } from "./load-dot-env.js";
import { auditTargetOf, openAuditStore } from "../audit/open-audit-store.js";
import { buildAuditEntry } from "../audit/build-audit-entry.js";
import { startRetention } from "../audit/start-retention.js";
import { openJobQueue } from "../queue/open-job-queue.js";
import { openLeadership } from "../queue/leadership.js";
import { startReconciler } from "../queue/start-reconciler.js";
import { createMetrics } from "../metrics/create-metrics.js";
import { recordOutcome } from "../metrics/record-outcome.js";
import { metricsHandler } from "../metrics/metrics-handler.js";
import { instrumentOctokit, type HookableOctokit } from "../metrics/instrument-octokit.js";
import { VERSION } from "../version.js";

function configOrExit(): AppConfig {
  try {
    loadDotEnv(process.env);
    return readAppConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`flux-warden: ${error.message}\n`);
    process.exit(1);
  }
}

const config = configOrExit();
// Until Probot's logger exists (the queue opens first), problems go to stderr.
let log: Pick<Logger, "info" | "warn" | "error"> | undefined;
const logError = (err: unknown, msg: string, fields: Record<string, unknown> = {}) =>
  log ? log.error({ err, ...fields }, msg) : process.stderr.write(`flux-warden: ${msg}: ${err instanceof Error ? err.message : String(err)}\n`);

const audit = await openAuditStore(auditTargetOf(config.storage));
const queue = await openJobQueue(config.storage, {
  concurrency: config.concurrency,
  timeoutMs: config.timeoutMs,
  onError: (err, job) => logError(err, "evaluation job failed; it will be retried", job ? { delivery: job.deliveryId, head: job.head } : {}),
  onDeferred: (job) => log?.info({ delivery: job.deliveryId, head: job.head }, "rerun deferred: this change is being evaluated on another replica"),
});
const metrics = createMetrics({ queueStats: () => queue.stats() });
const stoppers: Array<() => unknown> = [];

const server = await run(
  createApp({
    appId: config.appId,
    checkName: config.checkName,
    timeoutMs: config.timeoutMs,
    concurrency: config.concurrency,
    queue,
    // The audit append comes first and may throw: the job is then retried, so no decision goes unrecorded.
    onOutcome: async (outcome) => {
      await audit.append(buildAuditEntry(outcome, { now: new Date(), appVersion: VERSION }));
      recordOutcome(metrics, outcome);
    },
    routes: [metricsHandler(metrics.registry)],
    instrument: (octokit, installation) => instrumentOctokit(octokit as HookableOctokit, metrics, installation),
    onReady: (ready) => {
      log = ready.log;
      ready.log.info({ storage: config.storage.kind, concurrency: config.concurrency }, "durable queue and audit log open");
      if (config.reconcileIntervalMs > 0) {
        const reconciler = startReconciler({
          ...ready,
          enqueue: (job) => ready.queue.enqueue(job),
          checkName: config.checkName,
          appId: config.appId,
          now: () => new Date(),
          intervalMs: config.reconcileIntervalMs,
          leadership: openLeadership(config.storage, "reconciler", (err) => ready.log.warn({ err }, "reconciler: lost or could not reach the leader lock")),
          onPass: (result) => {
            if (result === null) {
              ready.log.info({ leads: false }, "reconciler pass: another replica leads and runs it");
              return;
            }
            metrics.reconcilerCatchUps.inc(result.queued.length);
            ready.log.info({ repositories: result.repositories, pulls: result.pulls, queued: result.queued.length, errors: result.errors }, "reconciler pass");
          },
          onError: (err, where) => ready.log.warn({ err, where }, "reconciler could not read part of GitHub"),
        });
        stoppers.push(() => reconciler.stop());
      }
      if (config.auditRetentionDays !== null) {
        const retention = startRetention({
          store: audit,
          days: config.auditRetentionDays,
          onPrune: (result, cutoff) => ready.log.info({ pruned: result.pruned, cutoff: cutoff.toISOString(), checkpoint: result.checkpoint }, "audit retention: pruned records older than AUDIT_RETENTION_DAYS"),
          onError: (err) => ready.log.error({ err }, "audit retention: prune failed; nothing was deleted"),
        });
        stoppers.push(() => retention.stop());
      }
    },
  }),
  { env: process.env },
);

// Probot handles SIGINT itself; Kubernetes stops pods with SIGTERM.
process.once("SIGTERM", () => {
  process.stderr.write("flux-warden: SIGTERM received, finishing running evaluations\n");
  void (async () => {
    await server.stop();
    await Promise.all(stoppers.map((stop) => stop()));
    await queue.stop();
    await audit.close();
    process.exit(0);
  })();
});
