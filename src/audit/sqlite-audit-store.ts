import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { AuditEntry, AuditRecord } from "./audit-record.js";
import { recordFromRow, type AuditFilter, type AuditStore, type Checkpoint, type StoredAuditRow } from "./audit-store.js";
import { auditFilterSql } from "./audit-filter-sql.js";
import { canonicalJson } from "./canonical-json.js";
import { GENESIS_HASH, sealRecord } from "./hash-record.js";
import { verifyChain } from "./verify-chain.js";

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS audit_records (
    seq INTEGER PRIMARY KEY, job_id TEXT UNIQUE, time TEXT NOT NULL, repository TEXT NOT NULL,
    base TEXT NOT NULL, head TEXT NOT NULL, conclusion TEXT NOT NULL, hash TEXT NOT NULL, doc TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS audit_records_repository ON audit_records (lower(repository), seq);
  CREATE INDEX IF NOT EXISTS audit_records_head ON audit_records (head);
  CREATE INDEX IF NOT EXISTS audit_records_base ON audit_records (base);
  CREATE INDEX IF NOT EXISTS audit_records_time ON audit_records (time);
  CREATE TABLE IF NOT EXISTS audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL);
  INSERT OR IGNORE INTO audit_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}');
  CREATE TABLE IF NOT EXISTS audit_checkpoints (
    seq INTEGER PRIMARY KEY, hash TEXT NOT NULL, pruned_at TEXT NOT NULL, pruned_count INTEGER NOT NULL, cutoff TEXT NOT NULL);
`;
const COLUMNS = "seq, hash, doc, job_id AS jobId, time, repository, base, head, conclusion";
const PAGE = 500;

/** Where the SQLite audit log lives. */
export interface SqliteAuditStoreOptions {
  /** The database file; created (with its directory) on first use unless `mustExist`. */
  path: string;
  /** For readers such as the CLI: a missing file is an error, not a new empty log. */
  mustExist?: boolean;
  now?: () => Date;
}

/**
 * The embedded audit log: one SQLite file in WAL mode (readers such as `flux-warden audit` never block the app).
 * Appends run in `BEGIN IMMEDIATE` transactions, which SQLite serializes across connections and processes, so the
 * chain stays linear even if two processes share the file.
 */
export function openSqliteAuditStore({ path, mustExist = false, now = () => new Date() }: SqliteAuditStoreOptions): AuditStore {
  if (!mustExist) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { fileMustExist: mustExist });
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 10000");
  db.exec(SCHEMA);

  const byJob = db.prepare<[string], { doc: string }>("SELECT doc FROM audit_records WHERE job_id = ?");
  const headRow = db.prepare<[], { seq: number; hash: string }>("SELECT seq, hash FROM audit_head WHERE id = 1");
  const insert = db.prepare(
    "INSERT INTO audit_records (seq, job_id, time, repository, base, head, conclusion, hash, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const moveHead = db.prepare("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1");
  const lastCheckpoint = db.prepare<[], Checkpoint>(
    "SELECT seq, hash, pruned_at AS prunedAt, pruned_count AS prunedCount, cutoff FROM audit_checkpoints ORDER BY seq DESC LIMIT 1",
  );

  const appendTx = db.transaction((entry: AuditEntry): AuditRecord => {
    const existing = entry.jobId === null ? undefined : byJob.get(entry.jobId);
    if (existing) return recordFromRow(existing);
    const record = sealRecord(entry, headRow.get()!);
    insert.run(record.seq, record.jobId, record.time, record.repository, record.base, record.head, record.conclusion, record.hash, canonicalJson(record));
    moveHead.run(record.seq, record.hash);
    return record;
  });

  const pruneTx = db.transaction((cutoff: string): Checkpoint | null => {
    const head = headRow.get()!;
    const keep = db.prepare<[string], { seq: number | null }>("SELECT min(seq) AS seq FROM audit_records WHERE time >= ?").get(cutoff);
    // Only an unbroken prefix goes: a record older than the cutoff that follows a newer one (clock skew between
    // replicas) is kept rather than punching a hole in the chain.
    const last = keep?.seq != null ? keep.seq - 1 : head.seq;
    const row = db.prepare<[number], { hash: string }>("SELECT hash FROM audit_records WHERE seq = ?").get(last);
    if (!row) return null;
    const { changes } = db.prepare("DELETE FROM audit_records WHERE seq <= ?").run(last);
    const checkpoint: Checkpoint = { seq: last, hash: row.hash, prunedAt: now().toISOString(), prunedCount: changes, cutoff };
    db.prepare("INSERT INTO audit_checkpoints (seq, hash, pruned_at, pruned_count, cutoff) VALUES (?, ?, ?, ?, ?)").run(
      checkpoint.seq, checkpoint.hash, checkpoint.prunedAt, checkpoint.prunedCount, checkpoint.cutoff,
    );
    return checkpoint;
  });

  const chain = {
    checkpoint: async () => lastCheckpoint.get() ?? null,
    head: async () => headRow.get()!,
    rows: (maxSeq: number) =>
      pages<StoredAuditRow>((after) => db.prepare(`SELECT ${COLUMNS} FROM audit_records WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ${PAGE}`).all(after, maxSeq) as StoredAuditRow[]),
  };

  return {
    async append(entry) {
      return appendTx.immediate(entry);
    },
    async list(filter: AuditFilter = {}) {
      const { where, params } = auditFilterSql(filter, "sqlite");
      const rows = db.prepare(`SELECT doc FROM audit_records WHERE ${where} ORDER BY seq DESC LIMIT ?`).all(...params, filter.limit ?? 100);
      return (rows as Array<{ doc: string }>).map(recordFromRow);
    },
    async get(seq) {
      const row = db.prepare<[number], { doc: string }>("SELECT doc FROM audit_records WHERE seq = ?").get(seq);
      return row ? recordFromRow(row) : null;
    },
    async *export(filter: AuditFilter = {}) {
      const { where, params } = auditFilterSql({ ...filter, limit: undefined }, "sqlite");
      const page = db.prepare(`SELECT seq, doc FROM audit_records WHERE seq > ? AND ${where} ORDER BY seq LIMIT ${PAGE}`);
      for await (const row of pages<{ seq: number; doc: string }>((after) => page.all(after, ...params) as Array<{ seq: number; doc: string }>)) {
        yield recordFromRow(row);
      }
    },
    verify: () => verifyChain(chain),
    async prune(before) {
      const report = await verifyChain(chain);
      if (!report.intact) throw new Error(`refusing to prune a broken audit chain: ${report.message}`);
      const checkpoint = pruneTx.immediate(before.toISOString());
      return { pruned: checkpoint?.prunedCount ?? 0, checkpoint };
    },
    async close() {
      db.close();
    },
  };
}

/** Keyset pagination by `seq`: one page in memory at a time. */
async function* pages<T extends { seq: number }>(read: (after: number) => T[]): AsyncIterable<T> {
  let after = 0;
  for (;;) {
    const rows = read(after);
    yield* rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.seq;
  }
}
