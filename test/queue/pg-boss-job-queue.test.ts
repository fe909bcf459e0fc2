import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildAuditEntry } from "../../src/audit/build-audit-entry.js";
import { openPostgresAuditStore } from "../../src/audit/postgres-audit-store.js";
import type { AuditStore } from "../../src/audit/audit-store.js";
import { openPgBossJobQueue, type PgBossJobQueueOptions } from "../../src/queue/pg-boss-job-queue.js";
import type { DurableJobQueue } from "../../src/queue/queue-stats.js";
import type { QueuedJob } from "../../src/queue/queued-job.js";
import { pgExec, pgSchema, TEST_DATABASE_URL } from "../audit/audit-fixtures.js";
import { deferred, job, outcomeFor } from "./queue-fixtures.js";
import { killHard, spawnKillWorker } from "./spawn-kill-worker.js";

describe("pg-boss job queue on one PostgreSQL", () => {
  let schema: ReturnType<typeof pgSchema>;
  const queues: DurableJobQueue[] = [];
  const stores: AuditStore[] = [];
  /** One replica's queue: its own pg-boss instance and its own connection pools. */
  const replica = async (options: Partial<PgBossJobQueueOptions> = {}) => {
    const queue = await openPgBossJobQueue({ connectionString: TEST_DATABASE_URL, schema: `${schema.name}_jobs`, concurrency: 4, pollMs: 50, ...options });
    queues.push(queue);
    return queue;
  };

  beforeEach(() => void (schema = pgSchema()));
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.stop()));
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await schema.drop();
    await pgExec(`DROP SCHEMA IF EXISTS "${schema.name}_jobs" CASCADE`);
  });

  it("replicas starting together on a fresh database all start (queue setup takes turns, no deadlock)", async () => {
    const started = await Promise.allSettled(Array.from({ length: 4 }, () => replica()));
    expect(started.map((s) => (s.status === "rejected" ? String(s.reason) : "started"))).toEqual(["started", "started", "started", "started"]);
    const [a, b] = started.map((s) => (s as PromiseFulfilledResult<DurableJobQueue>).value);
    expect(await a!.enqueue(job(1))).toEqual({ duplicate: false });
    expect(await b!.enqueue(job(1))).toEqual({ duplicate: true });
  });

  it("two replicas process a burst of 200 jobs: each exactly once, none lost, one audit record each", async () => {
    const [a, b] = [await replica(), await replica()];
    const audit = await openPostgresAuditStore({ connectionString: TEST_DATABASE_URL, schema: schema.name });
    stores.push(audit);
    for (let n = 1; n <= 200; n++) expect(await (n % 2 ? a : b).enqueue(job(n))).toEqual({ duplicate: false });

    const runs = new Map<string, string[]>();
    const all = deferred();
    let active = 0;
    let peak = 0;
    let finished = 0;
    const worker = (name: string) => async (j: Parameters<Parameters<DurableJobQueue["start"]>[0]>[0]) => {
      active++;
      peak = Math.max(peak, active);
      runs.set(j.key, [...(runs.get(j.key) ?? []), name]);
      await audit.append(buildAuditEntry(outcomeFor(j), { now: new Date(), appVersion: "test" }));
      active--;
      if (++finished === 200) all.resolve();
    };
    a.start(worker("a"));
    b.start(worker("b"));
    await all.promise;

    expect(runs.size).toBe(200);
    expect([...runs.values()].every((r) => r.length === 1)).toBe(true);
    // Both replicas took work: the queue is shared, not partitioned by who received the delivery.
    const byReplica = [...runs.values()].flat();
    expect(byReplica.filter((r) => r === "a").length).toBeGreaterThan(0);
    expect(byReplica.filter((r) => r === "b").length).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(8);
    const records = [];
    for await (const r of audit.export()) records.push(r);
    expect(records).toHaveLength(200);
    expect(new Set(records.map((r) => r.jobId)).size).toBe(200);
    expect(await audit.verify()).toMatchObject({ intact: true, records: 200 });
  });

  it("collapses duplicate deliveries across replicas while the job waits", async () => {
    const [a, b] = [await replica(), await replica()];
    expect(await a.enqueue(job(1, "first"))).toEqual({ duplicate: false });
    expect(await b.enqueue(job(1, "redelivery"))).toEqual({ duplicate: true });
    expect(await a.stats()).toMatchObject({ depth: 1 });
    const ran = deferred<QueuedJob>();
    b.start(async (j) => ran.resolve(j as QueuedJob));
    expect(await ran.promise).toMatchObject({ deliveryId: "first", attempt: 1 });
  });

  it("a rerun enqueued while its key runs on another replica waits instead of running concurrently", async () => {
    const gate = deferred();
    const startedOnA = deferred();
    const log: string[] = [];
    const a = await replica({ concurrency: 1, deferSeconds: 1 });
    // b finds the rerun while "first" still holds the key on a: it must put it back, and only then does "first" end.
    const b = await replica({ concurrency: 1, deferSeconds: 1, onDeferred: (j) => (log.push(`deferred ${j.deliveryId}`), gate.resolve()) });
    const rerunDone = deferred();
    const worker = async (j: { deliveryId: string }) => {
      log.push(`start ${j.deliveryId}`);
      if (j.deliveryId === "first") {
        startedOnA.resolve();
        await gate.promise;
      } else rerunDone.resolve();
      log.push(`end ${j.deliveryId}`);
    };
    await a.enqueue(job(1, "first"));
    a.start(worker);
    await startedOnA.promise;
    expect(await b.enqueue(job(1, "rerun"))).toEqual({ duplicate: false });
    b.start(worker);
    await rerunDone.promise;
    expect(log.slice(0, 3)).toEqual(["start first", "deferred rerun", "end first"]);
    expect(log.slice(3, 4)).toEqual(["start rerun"]);
  });

  it("runs a job again on another replica when the replica running it is killed (SIGKILL), with one audit record", async () => {
    const jobsSchema = `${schema.name}_jobs`;
    // The survivor starts first so the queue exists; its maintenance expires the dead replica's job.
    const survivor = await replica({ maintenanceIntervalSeconds: 1, retryDelaySeconds: 1, expireInSeconds: 1 });
    const audit = await openPostgresAuditStore({ connectionString: TEST_DATABASE_URL, schema: schema.name });
    stores.push(audit);
    await survivor.enqueue(job(1));
    const doomed = await spawnKillWorker([TEST_DATABASE_URL, jobsSchema], "started", "pg-kill-worker.ts");
    await killHard(doomed);
    const done = deferred<QueuedJob>();
    survivor.start(async (j) => {
      await audit.append(buildAuditEntry(outcomeFor(j), { now: new Date(), appVersion: "test" }));
      done.resolve(j as QueuedJob);
    });
    const rerun = await done.promise;
    expect(rerun).toMatchObject({ key: job(1).key, attempt: 2 });
    const records = await audit.list();
    expect(records).toHaveLength(1);
    expect(records[0]!.jobId).toBe(rerun.queueJobId);
  });

  it("retries a job whose worker threw, with the same job id", async () => {
    const a = await replica({ retryDelaySeconds: 1 });
    await a.enqueue(job(1));
    const attempts: QueuedJob[] = [];
    const second = deferred();
    a.start(async (j) => {
      attempts.push(j as QueuedJob);
      if (attempts.length === 1) throw new Error("GitHub unreachable");
      second.resolve();
    });
    await second.promise;
    expect(attempts.map((j) => j.attempt)).toEqual([1, 2]);
    expect(attempts[0]!.queueJobId).toBe(attempts[1]!.queueJobId);
  });
});
