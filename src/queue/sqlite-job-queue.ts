import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import type { EvaluationJob } from "../app/evaluation-job.js";
import type { JobWorker } from "../app/job-queue.js";
import { createPullLoop } from "./pull-loop.js";
import { evaluationJobOf, type QueuedJob } from "./queued-job.js";
import type { DurableJobQueue } from "./queue-stats.js";
import { retryDelayMs } from "./retry-delay.js";
import { createSqliteQueueStatements } from "./sqlite-queue-statements.js";

/** Settings of the SQLite queue; defaults suit production. */
export interface SqliteJobQueueOptions {
  /** The queue's database file; created (with its directory) on first use. */
  path: string;
  concurrency: number;
  /** A running job whose worker stops renewing its lease for this long is given to another worker. */
  leaseMs?: number;
  /** Attempts before a job is parked as `failed` (a job that crashes the process every time must not loop forever). */
  maxAttempts?: number;
  /** Backoff after a failed attempt: base × 2^(attempt−1), capped at 10 minutes. */
  retryBaseMs?: number;
  pollMs?: number;
  now?: () => number;
  /** A worker threw, or the queue's own bookkeeping failed. */
  onError?: (error: unknown, job?: EvaluationJob) => void;
}

/**
 * The embedded durable queue: a jobs table in a SQLite file. `enqueue` returns after the row is committed, so a
 * delivery GitHub was told about is never lost; a running job holds a lease that a heartbeat renews, and a job whose
 * process died (SIGKILL, OOM, node restart) is claimed again once its lease expires — by this process after a restart
 * or by any other process on the file. A key that is already waiting collapses into it; a key that is running is
 * queued again (the rerun may carry a newer decision) but never runs twice at once.
 */
export function openSqliteJobQueue(options: SqliteJobQueueOptions): DurableJobQueue {
  const { path, concurrency, leaseMs = 60_000, maxAttempts = 5, retryBaseMs = 5_000, pollMs = 1_000, now = Date.now, onError = () => undefined } = options;
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  // FULL: an acknowledged delivery survives a power loss too, not only a process crash.
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 10000");
  const sql = createSqliteQueueStatements(db);
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let worker: JobWorker | null = null;
  let stopped = false;
  let heartbeat: NodeJS.Timeout | undefined;

  const enqueueTx = db.transaction((job: EvaluationJob, at: number): boolean => {
    const waiting = sql.pendingByKey.get(job.key);
    if (waiting) {
      // A retry waiting out its backoff is pulled forward: a new delivery asks for the result now.
      sql.pullForward.run(at, waiting.id);
      return true;
    }
    sql.insert.run(randomUUID(), job.key, JSON.stringify(evaluationJobOf(job)), at, at);
    return false;
  });

  const claimTx = db.transaction((n: number, at: number): QueuedJob[] => {
    for (const expired of sql.expiredLeases.all(at, owner)) {
      // Same key, same work: the re-claimed job keeps its id (and so its audit idempotency); the waiting copy goes.
      if (expired.attempts >= maxAttempts) {
        sql.park.run(`its worker stopped (lease expired) on all ${expired.attempts} attempts`, expired.id);
        continue;
      }
      sql.deletePendingKey.run(expired.key);
      sql.release.run(at, expired.id);
    }
    const claimed: QueuedJob[] = [];
    for (const row of sql.claimable.all(at, n)) {
      sql.markRunning.run(owner, at + leaseMs, row.id);
      claimed.push({ ...(JSON.parse(row.payload) as EvaluationJob), queueJobId: row.id, attempt: row.attempts + 1 });
    }
    return claimed;
  });

  const failTx = db.transaction((job: QueuedJob, error: unknown, at: number) => {
    const message = error instanceof Error ? error.message : String(error);
    if (job.attempt >= maxAttempts) return void sql.park.run(message, job.queueJobId);
    // A newer delivery of the same key is already waiting: it will do this work.
    if (sql.pendingByKey.get(job.key)) return void sql.complete.run(job.queueJobId, owner);
    sql.retryLater.run(at + retryDelayMs(job.attempt, retryBaseMs), message, job.queueJobId, owner);
  });

  const loop = createPullLoop<QueuedJob>({
    concurrency,
    pollMs,
    claim: async (n) => claimTx.immediate(n, now()),
    run: async (job) => {
      try {
        await worker!(job);
        sql.complete.run(job.queueJobId, owner);
      } catch (error) {
        try {
          failTx.immediate(job, error, now());
        } catch (bookkeeping) {
          onError(bookkeeping, job); // The lease expires and the job runs again: nothing is lost.
        }
        onError(error, job);
      }
    },
    onError: (error) => onError(error),
  });

  return {
    async enqueue(job) {
      if (stopped) throw new Error("the queue is stopped: the process is shutting down");
      const duplicate = enqueueTx.immediate(job, now());
      loop.wake();
      return { duplicate };
    },
    start(w) {
      worker = w;
      heartbeat = setInterval(() => {
        try {
          sql.renewLeases.run(now() + leaseMs, owner);
        } catch (error) {
          onError(error);
        }
      }, Math.max(50, Math.floor(leaseMs / 3)));
      loop.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await loop.stop();
      clearInterval(heartbeat);
      db.close();
    },
    depth: () => sql.depth.get()!.n,
    async stats() {
      const { n, oldest } = sql.oldest.get()!;
      return { depth: n, oldestAgeSeconds: oldest === null ? 0 : Math.max(0, (now() - oldest) / 1000) };
    },
  };
}
