import type pg from "pg";

/**
 * Runs `work` while holding a PostgreSQL session advisory lock on `key`; returns false without running it when another
 * session holds the lock. A replica that dies mid-job loses its connection, and PostgreSQL releases the lock with it.
 */
export async function withKeyLock(pool: pg.Pool, key: string, work: () => Promise<void>): Promise<boolean> {
  const client = await pool.connect();
  const lockKey = `flux-warden:job:${key}`;
  let broken = false;
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [lockKey]);
    if (!rows[0]?.locked) return false;
    try {
      await work();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [lockKey]).catch(() => {
        broken = true; // Destroying the connection below releases the lock.
      });
    }
    return true;
  } finally {
    client.release(broken);
  }
}
