import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EvaluationJob } from "../../src/app/evaluation-job.js";
import type { DurableJobQueue } from "../../src/queue/queue-stats.js";
import { openSqliteJobQueue, type SqliteJobQueueOptions } from "../../src/queue/sqlite-job-queue.js";
import type { QueuedJob } from "../../src/queue/queued-job.js";
import { tempDir } from "../audit/audit-fixtures.js";
import { deferred, job } from "./queue-fixtures.js";

describe("SQLite job queue", () => {
  let tmp: ReturnType<typeof tempDir>;
  const queues: DurableJobQueue[] = [];
  const open = (options: Partial<SqliteJobQueueOptions> = {}) => {
    const queue = openSqliteJobQueue({ path: join(tmp.dir, "queue.db"), concurrency: 2, pollMs: 20, ...options });
    queues.push(queue);
    return queue;
  };
  /** Starts `queue` and resolves with the jobs it ran once `count` have finished. */
  const runUntil = (queue: DurableJobQueue, count: number, work: (j: QueuedJob) => Promise<void> = async () => undefined) => {
    const done = deferred<QueuedJob[]>();
    const seen: QueuedJob[] = [];
    queue.start(async (j) => {
      await work(j as QueuedJob);
      seen.push(j as QueuedJob);
      if (seen.length === count) done.resolve(seen);
    });
    return done.promise;
  };

  beforeEach(() => void (tmp = tempDir()));
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.stop()));
    tmp.cleanup();
  });

  it("keeps enqueued jobs across a restart and runs them in arrival order", async () => {
    const first = open();
    for (const n of [1, 2, 3]) expect(await first.enqueue(job(n))).toEqual({ duplicate: false });
    expect(first.depth()).toBe(3);
    await first.stop();
    const second = open({ concurrency: 1 });
    const ran = await runUntil(second, 3);
    expect(ran.map((j) => j.pullNumber)).toEqual([1, 2, 3]);
    expect(ran[0]).toMatchObject({ ...job(1), attempt: 1 });
    expect(ran[0]!.queueJobId).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setImmediate(r));
    expect(second.depth()).toBe(0);
  });

  it("collapses duplicate deliveries of a change that is still waiting", async () => {
    const queue = open();
    expect(await queue.enqueue(job(1, "first"))).toEqual({ duplicate: false });
    expect(await queue.enqueue(job(1, "redelivery"))).toEqual({ duplicate: true });
    expect(await queue.enqueue(job(2))).toEqual({ duplicate: false });
    const ran = await runUntil(queue, 2);
    expect(ran.map((j) => j.deliveryId).sort()).toEqual(["delivery-2", "first"]);
  });

  it("queues a rerun that arrives while the change is running, and never runs one key twice at once", async () => {
    const queue = open({ concurrency: 4 });
    const gate = deferred();
    const started = deferred();
    let running = 0;
    let peak = 0;
    const ran = runUntil(queue, 2, async (j) => {
      running++;
      peak = Math.max(peak, running);
      if (j.deliveryId === "first") {
        started.resolve();
        await gate.promise;
      }
      running--;
    });
    await queue.enqueue(job(1, "first"));
    await started.promise;
    expect(await queue.enqueue(job(1, "rerun"))).toEqual({ duplicate: false });
    expect(await queue.enqueue(job(1, "rerun again"))).toEqual({ duplicate: true });
    gate.resolve();
    expect((await ran).map((j) => j.deliveryId)).toEqual(["first", "rerun"]);
    expect(peak).toBe(1);
  });

  it("never runs more than `concurrency` jobs, and a burst of 1,000 waits in the database", async () => {
    const queue = open({ concurrency: 3 });
    for (let n = 1; n <= 1_000; n++) await queue.enqueue(job(n));
    expect((await queue.stats()).depth).toBe(1_000);
    let running = 0;
    let peak = 0;
    const ran = await runUntil(queue, 1_000, async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
    });
    expect(new Set(ran.map((j) => j.key)).size).toBe(1_000);
    expect(peak).toBe(3);
  });

  it("retries a job whose worker threw, with the same job id, and parks it after maxAttempts", async () => {
    const attempts: QueuedJob[] = [];
    const parked = deferred();
    let errors = 0;
    const queue = open({ concurrency: 1, maxAttempts: 3, retryBaseMs: 1, pollMs: 10, onError: () => ++errors === 3 && parked.resolve() });
    await queue.enqueue(job(1));
    queue.start(async (j) => {
      attempts.push(j as QueuedJob);
      throw new Error(`GitHub unreachable (${(j as QueuedJob).attempt})`);
    });
    await parked.promise;
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(new Set(attempts.map((a) => a.queueJobId)).size).toBe(1);
    // Parked, not waiting: it will not run a fourth time.
    expect(await queue.stats()).toEqual({ depth: 0, oldestAgeSeconds: 0 });
  });

  it("reports the depth and the age of the oldest waiting job", async () => {
    let clock = 1_000_000;
    const queue = open({ now: () => clock });
    expect(await queue.stats()).toEqual({ depth: 0, oldestAgeSeconds: 0 });
    await queue.enqueue(job(1));
    clock += 30_000;
    await queue.enqueue(job(2));
    clock += 15_000;
    expect(await queue.stats()).toEqual({ depth: 2, oldestAgeSeconds: 45 });
  });

  it("refuses new work once stopped", async () => {
    const queue = open();
    await queue.stop();
    await expect(queue.enqueue(job(1) as EvaluationJob)).rejects.toThrow(/stopped/);
  });
});
