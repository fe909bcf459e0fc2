import { join } from "node:path";
import type { EvaluationJob } from "../app/evaluation-job.js";
import type { StorageTarget } from "../audit/open-audit-store.js";
import { openPgBossJobQueue } from "./pg-boss-job-queue.js";
import type { DurableJobQueue } from "./queue-stats.js";
import { openSqliteJobQueue } from "./sqlite-job-queue.js";

/** The queue settings the app derives from its configuration. */
export interface JobQueueSettings {
  concurrency: number;
  /** The evaluation deadline: leases and expirations are set well above it so a slow job is not taken twice. */
  timeoutMs: number;
  onError?: (error: unknown, job?: EvaluationJob) => void;
  onDeferred?: (job: EvaluationJob) => void;
}

/** The durable queue of a storage target: SQLite (`queue.db` in the data directory) or pg-boss (`<schema>_jobs`). */
export async function openJobQueue(target: StorageTarget, settings: JobQueueSettings): Promise<DurableJobQueue> {
  const { concurrency, timeoutMs, onError, onDeferred } = settings;
  if (target.kind === "postgres") {
    return openPgBossJobQueue({
      connectionString: target.url,
      schema: `${target.schema}_jobs`,
      concurrency,
      // pg-boss has no heartbeat: the expiry must outlast the slowest legitimate run (evaluation + check-run writes).
      expireInSeconds: Math.ceil(timeoutMs / 1000) + 300,
      ...(onError ? { onError } : {}),
      ...(onDeferred ? { onDeferred } : {}),
    });
  }
  return openSqliteJobQueue({ path: join(target.dataDir, "queue.db"), concurrency, leaseMs: 60_000, ...(onError ? { onError } : {}) });
}
