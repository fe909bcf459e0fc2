import type Database from "better-sqlite3";

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    run_after INTEGER NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER,
    last_error TEXT
  );
  -- At most one waiting job per key: this is what collapses duplicate deliveries.
  CREATE UNIQUE INDEX IF NOT EXISTS jobs_pending_key ON jobs (key) WHERE state = 'pending';
  CREATE INDEX IF NOT EXISTS jobs_claim ON jobs (state, run_after, created_at);
`;

type Run<P extends unknown[]> = Database.Statement<P, unknown>;
type Get<P extends unknown[], R> = Database.Statement<P, R>;

/** The queue's prepared statements, one per operation. */
export interface SqliteQueueStatements {
  pendingByKey: Get<[string], { id: string }>;
  pullForward: Run<[number, string]>;
  insert: Run<[string, string, string, number, number]>;
  expiredLeases: Get<[number, string], { id: string; key: string; attempts: number }>;
  deletePendingKey: Run<[string]>;
  release: Run<[number, string]>;
  park: Run<[string, string]>;
  claimable: Get<[number, number], { id: string; payload: string; attempts: number }>;
  markRunning: Run<[string, number, string]>;
  complete: Run<[string, string]>;
  retryLater: Run<[number, string, string, string]>;
  renewLeases: Run<[number, string]>;
  depth: Get<[], { n: number }>;
  oldest: Get<[], { n: number; oldest: number | null }>;
}

/** Creates the queue's tables (on first use) and prepares its statements. */
export function createSqliteQueueStatements(db: Database.Database): SqliteQueueStatements {
  db.exec(SCHEMA);
  return {
    pendingByKey: db.prepare<[string], { id: string }>("SELECT id FROM jobs WHERE key = ? AND state = 'pending'"),
    pullForward: db.prepare<[number, string]>("UPDATE jobs SET run_after = min(run_after, ?) WHERE id = ?"),
    insert: db.prepare<[string, string, string, number, number]>("INSERT INTO jobs (id, key, payload, state, created_at, run_after) VALUES (?, ?, ?, 'pending', ?, ?)"),
    expiredLeases: db.prepare<[number, string], { id: string; key: string; attempts: number }>(
      "SELECT id, key, attempts FROM jobs WHERE state = 'running' AND lease_until < ? AND lease_owner <> ?",
    ),
    deletePendingKey: db.prepare<[string]>("DELETE FROM jobs WHERE key = ? AND state = 'pending'"),
    release: db.prepare<[number, string]>("UPDATE jobs SET state = 'pending', lease_owner = NULL, lease_until = NULL, run_after = ? WHERE id = ?"),
    park: db.prepare<[string, string]>("UPDATE jobs SET state = 'failed', lease_owner = NULL, lease_until = NULL, last_error = ? WHERE id = ?"),
    // Oldest first, and never a key that is already running: one evaluation per key at a time.
    claimable: db.prepare<[number, number], { id: string; payload: string; attempts: number }>(
      `SELECT id, payload, attempts FROM jobs
       WHERE state = 'pending' AND run_after <= ?
         AND key NOT IN (SELECT key FROM jobs WHERE state = 'running')
       ORDER BY created_at, rowid LIMIT ?`,
    ),
    markRunning: db.prepare<[string, number, string]>("UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = ?, lease_until = ? WHERE id = ?"),
    complete: db.prepare<[string, string]>("DELETE FROM jobs WHERE id = ? AND lease_owner = ?"),
    retryLater: db.prepare<[number, string, string, string]>(
      "UPDATE jobs SET state = 'pending', run_after = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
    ),
    renewLeases: db.prepare<[number, string]>("UPDATE jobs SET lease_until = ? WHERE state = 'running' AND lease_owner = ?"),
    depth: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM jobs WHERE state IN ('pending', 'running')"),
    oldest: db.prepare<[], { n: number; oldest: number | null }>(
      "SELECT count(*) AS n, min(created_at) AS oldest FROM jobs WHERE state IN ('pending', 'running')",
    ),
  };
}
