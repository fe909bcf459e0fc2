import type pg from "pg";
import { GENESIS_HASH } from "./hash-record.js";
import { inTransaction } from "./in-transaction.js";

/** A schema name safe to interpolate: the stores never quote user text into SQL any other way. */
export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}": use lower-case letters, digits and _`);
  return `"${schema}"`;
}

/**
 * Creates the audit tables if missing. N replicas start at once: the advisory lock makes them migrate one after the
 * other (concurrent `CREATE … IF NOT EXISTS` can still collide in PostgreSQL's catalog).
 */
export async function migratePostgresAudit(pool: pg.Pool, schema: string): Promise<void> {
  const s = quoteSchema(schema);
  await inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`flux-warden:migrate:${schema}`]);
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS ${s};
      CREATE TABLE IF NOT EXISTS ${s}.audit_records (
        seq bigint PRIMARY KEY, job_id text UNIQUE, time text NOT NULL, repository text NOT NULL,
        base text NOT NULL, head text NOT NULL, conclusion text NOT NULL, hash text NOT NULL, doc text NOT NULL);
      CREATE INDEX IF NOT EXISTS audit_records_repository ON ${s}.audit_records (lower(repository), seq);
      CREATE INDEX IF NOT EXISTS audit_records_head ON ${s}.audit_records (head);
      CREATE INDEX IF NOT EXISTS audit_records_base ON ${s}.audit_records (base);
      CREATE INDEX IF NOT EXISTS audit_records_time ON ${s}.audit_records (time);
      CREATE TABLE IF NOT EXISTS ${s}.audit_head (id int PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL, hash text NOT NULL);
      INSERT INTO ${s}.audit_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}') ON CONFLICT (id) DO NOTHING;
      CREATE TABLE IF NOT EXISTS ${s}.audit_checkpoints (
        seq bigint PRIMARY KEY, hash text NOT NULL, pruned_at text NOT NULL, pruned_count int NOT NULL, cutoff text NOT NULL);
    `);
  });
}
