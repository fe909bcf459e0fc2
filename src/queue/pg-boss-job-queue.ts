import PgBoss from "pg-boss";
import pg from "pg";
import type { EvaluationJob } from "../app/evaluation-job.js";
import type { JobWorker } from "../app/job-queue.js";
import { quoteSchema } from "../audit/postgres-audit-schema.js";
import { createPullLoop } from "./pull-loop.js";
import { evaluationJobOf, type QueuedJob } from "./queued-job.js";
import type { DurableJobQueue } from "./queue-stats.js";
import { withKeyLock } from "./with-key-lock.js";

/** Settings of the pg-boss queue; defaults suit production. */
export interface PgBossJobQueueOptions {
  connectionString: string;
  /** pg-boss's own schema (its tables, created and migrated by pg-boss on start). */
  schema?: string;
  queueName?: string;
  concurrency: number;
  /** A job running longer than this is failed by pg-boss's maintenance and retried: set above the evaluation timeout. */
  expireInSeconds?: number;
  retryLimit?: number;
  /** First retry delay; doubles on each retry (pg-boss `retryBackoff`). */
  retryDelaySeconds?: number;
  /** A rerun that finds its key still running elsewhere waits this long. */
  deferSeconds?: number;
  pollMs?: number;
  /** How often pg-boss expires stalled jobs; the default suits production, tests shorten it. */
  maintenanceIntervalSeconds?: number;
  onError?: (error: unknown, job?: EvaluationJob) => void;
  /** A job was put back because its key is running elsewhere (for logs). */
  onDeferred?: (job: EvaluationJob) => void;
}

/**
 * The scale-out queue: pg-boss 10 on the shared PostgreSQL. Any replica may enqueue and any may run a job; pg-boss's
 * `FOR UPDATE SKIP LOCKED` fetch hands each job to exactly one replica. The queue's `short` policy keeps at most one
 * waiting job per key (duplicate deliveries collapse) while letting a rerun queue up behind a running one; a
 * PostgreSQL advisory lock on the key makes sure two jobs of the same key never run at once across replicas (the
 * `singleton`/`stately` policies would, but in pg-boss 10 they stall the whole queue when a job's key is busy).
 */
export async function openPgBossJobQueue(options: PgBossJobQueueOptions): Promise<DurableJobQueue> {
  const { connectionString, schema = "flux_warden_jobs", queueName = "evaluations", concurrency, onError = () => undefined } = options;
  const { expireInSeconds = 900, retryLimit = 5, retryDelaySeconds = 10, deferSeconds = 15, pollMs = 1_000 } = options;
  const boss = new PgBoss({
    connectionString,
    schema,
    application_name: "flux-warden-queue",
    max: 2,
    schedule: false,
    ...(options.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {}),
  });
  boss.on("error", (error) => onError(error));
  await oneAtATime(connectionString, `flux-warden:queue-setup:${schema}`, async () => {
    await boss.start();
    await boss.createQueue(queueName, { name: queueName, policy: "short", retryLimit, retryDelay: retryDelaySeconds, retryBackoff: true, expireInSeconds });
  });
  // Key locks are session locks: one connection per running job, plus one for stats.
  const pool = new pg.Pool({ connectionString, max: concurrency + 1, application_name: "flux-warden-queue-locks" });
  pool.on("error", (error) => onError(error));
  let worker: JobWorker | null = null;
  let stopped = false;
  let depth = 0;

  const send = (job: EvaluationJob, startAfter?: number) =>
    boss.send(queueName, evaluationJobOf(job), { singletonKey: job.key, ...(startAfter ? { startAfter } : {}) });

  const loop = createPullLoop<PgBoss.JobWithMetadata<EvaluationJob>>({
    concurrency,
    pollMs,
    claim: (n) => boss.fetch<EvaluationJob>(queueName, { batchSize: n, includeMetadata: true }),
    run: async (fetched) => {
      const job: QueuedJob = { ...fetched.data, queueJobId: fetched.id, attempt: fetched.retryCount + 1 };
      try {
        const ran = await withKeyLock(pool, `${schema}.${queueName}:${job.key}`, () => worker!(job));
        // The key is being evaluated on another replica: come back later instead of evaluating it twice at once.
        if (!ran) {
          await send(job, deferSeconds);
          options.onDeferred?.(job);
        }
        await boss.complete(queueName, fetched.id);
      } catch (error) {
        onError(error, job);
        await boss.fail(queueName, fetched.id, { message: error instanceof Error ? error.message : String(error) }).catch((e: unknown) => onError(e, job));
      }
    },
    onError: (error) => onError(error),
  });

  const stats = async () => {
    const { rows } = await pool.query<{ n: number; age: number | null }>(
      `SELECT count(*)::int AS n, extract(epoch FROM now() - min(created_on))::float8 AS age
       FROM ${quoteSchema(schema)}.job WHERE name = $1 AND state < 'completed'`,
      [queueName],
    );
    depth = rows[0]?.n ?? 0;
    return { depth, oldestAgeSeconds: Math.max(0, rows[0]?.age ?? 0) };
  };

  return {
    async enqueue(job) {
      if (stopped) throw new Error("the queue is stopped: the process is shutting down");
      const id = await send(job);
      loop.wake();
      if (id) depth++;
      return { duplicate: id === null };
    },
    start(w) {
      worker = w;
      loop.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await loop.stop();
      await boss.stop({ graceful: false, wait: true, close: true });
      await pool.end();
    },
    // Synchronous by contract (the health route): the figure from the last `stats()` and enqueues since.
    depth: () => depth,
    stats,
  };
}

/**
 * Runs `work` while holding a PostgreSQL session advisory lock, so that replicas starting together take turns. Without
 * it, replicas starting at once on a fresh database race in pg-boss's `create_queue` (it creates a table partition and
 * inserts the queue row) and PostgreSQL aborts one of them with "deadlock detected": that replica exits at start
 * (`npm run bench`'s scale-out section met it in 2 of 8 cold starts of 4 replicas). The lock ends with the session.
 */
async function oneAtATime(connectionString: string, key: string, work: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString, application_name: "flux-warden-queue-setup" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [key]);
    await work();
  } finally {
    await client.end().catch(() => undefined);
  }
}
