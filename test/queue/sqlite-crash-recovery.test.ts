import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildAuditEntry } from "../../src/audit/build-audit-entry.js";
import { openSqliteAuditStore } from "../../src/audit/sqlite-audit-store.js";
import { openSqliteJobQueue } from "../../src/queue/sqlite-job-queue.js";
import type { QueuedJob } from "../../src/queue/queued-job.js";
import { tempDir } from "../audit/audit-fixtures.js";
import { deferred, job, outcomeFor } from "./queue-fixtures.js";
import { killHard, spawnKillWorker } from "./spawn-kill-worker.js";

const LEASE_MS = 300;

describe("SQLite queue: a worker killed with SIGKILL mid-job", () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => void (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  /** Enqueues one job, lets a child process take it and die at `signal`, then restarts here and finishes it. */
  async function crashAndRecover(mode: string, signal: string) {
    const queuePath = join(tmp.dir, "queue.db");
    const auditPath = join(tmp.dir, "audit.db");
    const accepting = openSqliteJobQueue({ path: queuePath, concurrency: 1 });
    await accepting.enqueue(job(1));
    await accepting.stop();

    const child = await spawnKillWorker([queuePath, auditPath, mode, String(LEASE_MS)], signal);
    await killHard(child);

    // The restarted process: same files, a new queue instance, the same worker → onOutcome → audit seam.
    const audit = openSqliteAuditStore({ path: auditPath });
    const queue = openSqliteJobQueue({ path: queuePath, concurrency: 1, leaseMs: LEASE_MS, pollMs: 20 });
    const done = deferred<QueuedJob>();
    queue.start(async (j) => {
      await audit.append(buildAuditEntry(outcomeFor(j), { now: new Date(), appVersion: "test" }));
      done.resolve(j as QueuedJob);
    });
    const rerun = await done.promise;
    await queue.stop();
    const records = await audit.list();
    const report = await audit.verify();
    await audit.close();
    return { rerun, records, report };
  }

  it("is re-claimed after its lease expires and completes with exactly one audit record", async () => {
    const { rerun, records, report } = await crashAndRecover("block-before-audit", "started");
    expect(rerun).toMatchObject({ key: job(1).key, attempt: 2 });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ jobId: rerun.queueJobId, head: job(1).head, conclusion: "success" });
    expect(report).toMatchObject({ intact: true, records: 1 });
  });

  it("appends no second record when it died after writing the audit record but before the job was acked", async () => {
    const { rerun, records, report } = await crashAndRecover("block-after-audit", "audited");
    expect(rerun.attempt).toBe(2);
    expect(records).toHaveLength(1);
    expect(records[0]!.jobId).toBe(rerun.queueJobId);
    expect(report).toMatchObject({ intact: true, records: 1 });
  });
});
