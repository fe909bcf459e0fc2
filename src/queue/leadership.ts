import pg from "pg";
import type { StorageTarget } from "../audit/open-audit-store.js";

/** Whether this process is the one replica that runs a cluster-wide chore (the reconciler). */
export interface Leadership {
  /** True when this process leads now: it held the lead already, or just took it because nobody else holds it. */
  leads(): Promise<boolean>;
  /** Gives the lead up (another replica takes it at its next `leads`). */
  close(): Promise<void>;
}

/** The embedded store is one process: it always leads. */
export const SOLE_LEADERSHIP: Leadership = { leads: async () => true, close: async () => undefined };

/**
 * Leadership for `name` among the replicas sharing one storage target. On PostgreSQL the leader holds a session
 * advisory lock on a connection of its own: a replica that dies or loses its connection releases it with the session,
 * and the next replica to ask takes it. Without this, every replica ran its own reconciler pass, multiplying the
 * pass's GitHub requests by the number of replicas.
 */
export function openLeadership(target: StorageTarget, name: string, onError: (error: unknown) => void = () => undefined): Leadership {
  if (target.kind === "sqlite") return SOLE_LEADERSHIP;
  const lockKey = `flux-warden:leader:${target.schema}:${name}`;
  let client: pg.Client | null = null;
  let closed = false;
  const drop = async () => {
    const held = client;
    client = null;
    await held?.end().catch(() => undefined);
  };
  return {
    async leads() {
      if (closed) return false;
      if (client) {
        // Still connected means still holding the lock; a broken connection lost it (and the next call retries).
        try {
          await client.query("SELECT 1");
          return true;
        } catch (error) {
          onError(error);
          await drop();
          return false;
        }
      }
      const candidate = new pg.Client({ connectionString: target.url, application_name: `flux-warden-leader-${name}` });
      // A connection that breaks later is noticed at the next `leads` (its query fails); this keeps it from crashing.
      candidate.on("error", (error) => onError(error));
      try {
        await candidate.connect();
        const { rows } = await candidate.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [lockKey]);
        if (rows[0]?.locked && !closed) {
          client = candidate;
          return true;
        }
      } catch (error) {
        onError(error);
      }
      await candidate.end().catch(() => undefined);
      return false;
    },
    async close() {
      closed = true;
      await drop();
    },
  };
}
