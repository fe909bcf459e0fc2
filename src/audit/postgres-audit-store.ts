import pg from "pg";
import type { AuditEntry, AuditRecord } from "./audit-record.js";
import { recordFromRow, type AuditFilter, type AuditStore, type Checkpoint, type StoredAuditRow } from "./audit-store.js";
import { auditFilterSql } from "./audit-filter-sql.js";
import { canonicalJson } from "./canonical-json.js";
import { sealRecord } from "./hash-record.js";
import { verifyChain } from "./verify-chain.js";
import { migratePostgresAudit, quoteSchema } from "./postgres-audit-schema.js";
import { inTransaction } from "./in-transaction.js";

const COLUMNS = "seq::int AS seq, hash, doc, job_id AS \"jobId\", time, repository, base, head, conclusion";
const PAGE = 500;

/** Connection and placement of the PostgreSQL audit log. */
export interface PostgresAuditStoreOptions {
  connectionString: string;
  /** Tables live in this schema (created on first use). */
  schema?: string;
  /** Pool size; appends hold one connection for a few milliseconds. */
  max?: number;
  now?: () => Date;
}

/**
 * The audit log for N replicas on one PostgreSQL. Every append locks the single chain-head row (`SELECT … FOR UPDATE`)
 * inside its transaction, so appends from all replicas form one linear chain; the `job_id` unique column, checked
 * under the same lock, makes a re-run job's append a no-op.
 */
export async function openPostgresAuditStore(options: PostgresAuditStoreOptions): Promise<AuditStore> {
  const { connectionString, schema = "flux_warden", max = 4, now = () => new Date() } = options;
  const s = quoteSchema(schema);
  const pool = new pg.Pool({ connectionString, max, application_name: "flux-warden-audit" });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it. Without a listener node-postgres would crash the process.
  });
  await migratePostgresAudit(pool, schema);

  const lockHead = (client: pg.PoolClient) =>
    client.query<{ seq: number; hash: string }>(`SELECT seq::int AS seq, hash FROM ${s}.audit_head WHERE id = 1 FOR UPDATE`).then((r) => r.rows[0]!);

  // One snapshot for the whole pass: appends and prunes by other replicas while it runs cannot look like tampering.
  const verify = () =>
    inTransaction(pool, (client) => verifyChain(chainOn(client)), "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const chainOn = (client: pg.PoolClient) => ({
    async checkpoint(): Promise<Checkpoint | null> {
      const { rows } = await client.query<Checkpoint>(
        `SELECT seq::int AS seq, hash, pruned_at AS "prunedAt", pruned_count AS "prunedCount", cutoff FROM ${s}.audit_checkpoints ORDER BY seq DESC LIMIT 1`,
      );
      return rows[0] ?? null;
    },
    head: async () => (await client.query<{ seq: number; hash: string }>(`SELECT seq::int AS seq, hash FROM ${s}.audit_head WHERE id = 1`)).rows[0]!,
    rows: (maxSeq: number) =>
      pages<StoredAuditRow>(async (after) => (await client.query<StoredAuditRow>(`SELECT ${COLUMNS} FROM ${s}.audit_records WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT ${PAGE}`, [after, maxSeq])).rows),
  });

  return {
    append: (entry: AuditEntry) =>
      inTransaction(pool, async (client): Promise<AuditRecord> => {
        const head = await lockHead(client);
        if (entry.jobId !== null) {
          const existing = await client.query<{ doc: string }>(`SELECT doc FROM ${s}.audit_records WHERE job_id = $1`, [entry.jobId]);
          if (existing.rows[0]) return recordFromRow(existing.rows[0]);
        }
        const record = sealRecord(entry, head);
        await client.query(
          `INSERT INTO ${s}.audit_records (seq, job_id, time, repository, base, head, conclusion, hash, doc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [record.seq, record.jobId, record.time, record.repository, record.base, record.head, record.conclusion, record.hash, canonicalJson(record)],
        );
        await client.query(`UPDATE ${s}.audit_head SET seq = $1, hash = $2 WHERE id = 1`, [record.seq, record.hash]);
        return record;
      }),
    async list(filter: AuditFilter = {}) {
      const { where, params } = auditFilterSql(filter, "postgres");
      const { rows } = await pool.query<{ doc: string }>(
        `SELECT doc FROM ${s}.audit_records WHERE ${where} ORDER BY seq DESC LIMIT $${params.length + 1}`,
        [...params, filter.limit ?? 100],
      );
      return rows.map(recordFromRow);
    },
    async get(seq) {
      const { rows } = await pool.query<{ doc: string }>(`SELECT doc FROM ${s}.audit_records WHERE seq = $1`, [seq]);
      return rows[0] ? recordFromRow(rows[0]) : null;
    },
    async *export(filter: AuditFilter = {}) {
      const { where, params } = auditFilterSql({ ...filter, limit: undefined }, "postgres", 2);
      const sql = `SELECT seq::int AS seq, doc FROM ${s}.audit_records WHERE seq > $1 AND ${where} ORDER BY seq LIMIT ${PAGE}`;
      for await (const row of pages(async (after) => (await pool.query<{ seq: number; doc: string }>(sql, [after, ...params])).rows)) {
        yield recordFromRow(row);
      }
    },
    verify,
    async prune(before) {
      const report = await verify();
      if (!report.intact) throw new Error(`refusing to prune a broken audit chain: ${report.message}`);
      const cutoff = before.toISOString();
      const checkpoint = await inTransaction(pool, async (client): Promise<Checkpoint | null> => {
        const head = await lockHead(client);
        const keep = await client.query<{ seq: number | null }>(`SELECT min(seq)::int AS seq FROM ${s}.audit_records WHERE time >= $1`, [cutoff]);
        // Only an unbroken prefix goes (see the SQLite store).
        const keepSeq = keep.rows[0]?.seq;
        const last = keepSeq != null ? keepSeq - 1 : head.seq;
        const row = await client.query<{ hash: string }>(`SELECT hash FROM ${s}.audit_records WHERE seq = $1`, [last]);
        if (!row.rows[0]) return null;
        const deleted = await client.query(`DELETE FROM ${s}.audit_records WHERE seq <= $1`, [last]);
        const cp: Checkpoint = { seq: last, hash: row.rows[0].hash, prunedAt: now().toISOString(), prunedCount: deleted.rowCount ?? 0, cutoff };
        await client.query(`INSERT INTO ${s}.audit_checkpoints (seq, hash, pruned_at, pruned_count, cutoff) VALUES ($1, $2, $3, $4, $5)`, [
          cp.seq, cp.hash, cp.prunedAt, cp.prunedCount, cp.cutoff,
        ]);
        return cp;
      });
      return { pruned: checkpoint?.prunedCount ?? 0, checkpoint };
    },
    close: () => pool.end(),
  };
}

async function* pages<T extends { seq: number }>(read: (after: number) => Promise<T[]>): AsyncIterable<T> {
  let after = 0;
  for (;;) {
    const rows = await read(after);
    yield* rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.seq;
  }
}
