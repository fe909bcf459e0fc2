/**
 * A worker process for the crash test: opens the SQLite queue and audit store the app would, and runs jobs through the
 * same seam (worker → onOutcome → audit append). `block-before-audit` hangs mid-evaluation, `block-after-audit` hangs
 * after the audit record is written but before the queue is acked; the test SIGKILLs it there.
 *
 *   node --import tsx test/queue/kill-worker.ts QUEUE_DB AUDIT_DB MODE LEASE_MS
 */
import { openSqliteJobQueue } from "../../src/queue/sqlite-job-queue.js";
import { openSqliteAuditStore } from "../../src/audit/sqlite-audit-store.js";
import { buildAuditEntry } from "../../src/audit/build-audit-entry.js";
import { outcomeFor } from "./queue-fixtures.js";

const [queuePath, auditPath, mode, leaseMs] = process.argv.slice(2);
if (!queuePath || !auditPath || !mode) throw new Error("usage: kill-worker.ts QUEUE_DB AUDIT_DB MODE LEASE_MS");

const audit = openSqliteAuditStore({ path: auditPath });
const queue = openSqliteJobQueue({ path: queuePath, concurrency: 1, leaseMs: Number(leaseMs), pollMs: 20 });
const forever = () => new Promise<never>(() => undefined);

queue.start(async (job) => {
  if (mode === "block-before-audit") {
    process.stdout.write(`started ${job.key}\n`);
    await forever();
  }
  await audit.append(buildAuditEntry(outcomeFor(job), { now: new Date(), appVersion: "test" }));
  if (mode === "block-after-audit") {
    process.stdout.write(`audited ${job.key}\n`);
    await forever();
  }
});
