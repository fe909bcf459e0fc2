/**
 * A replica for the PostgreSQL crash test: opens the pg-boss queue like the app and hangs in its first job until the
 * test SIGKILLs it (its connections drop, its key lock goes with them).
 *
 *   node --import tsx test/queue/pg-kill-worker.ts DATABASE_URL QUEUE_SCHEMA
 */
import { openPgBossJobQueue } from "../../src/queue/pg-boss-job-queue.js";

const [url, schema] = process.argv.slice(2);
if (!url || !schema) throw new Error("usage: pg-kill-worker.ts DATABASE_URL QUEUE_SCHEMA");

const queue = await openPgBossJobQueue({ connectionString: url, schema, concurrency: 1, pollMs: 50, expireInSeconds: 1, retryDelaySeconds: 1 });
queue.start(async (job) => {
  process.stdout.write(`started ${job.key}\n`);
  await new Promise<never>(() => undefined);
});
