import { existsSync } from "node:fs";
import { join } from "node:path";
import type { AuditStore } from "./audit-store.js";
import { openPostgresAuditStore } from "./postgres-audit-store.js";
import { openSqliteAuditStore } from "./sqlite-audit-store.js";

/** Where the app keeps its state: a SQLite data directory (embedded), or a PostgreSQL database and schema (replicas). */
export type StorageTarget = { kind: "sqlite"; dataDir: string } | { kind: "postgres"; url: string; schema: string };

/** Where one audit log is: a SQLite file, or a PostgreSQL database and schema. */
export type AuditTarget = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string; schema: string };

/** The audit log of an app's storage: `audit.db` in the data directory, or the PostgreSQL schema itself. */
export function auditTargetOf(storage: StorageTarget): AuditTarget {
  return storage.kind === "sqlite" ? { kind: "sqlite", path: join(storage.dataDir, "audit.db") } : storage;
}

/** Opens an audit log; `mustExist` for readers (the CLI), which must not create an empty log by mistake. */
export async function openAuditStore(target: AuditTarget, options: { mustExist?: boolean } = {}): Promise<AuditStore> {
  if (target.kind === "postgres") return openPostgresAuditStore({ connectionString: target.url, schema: target.schema });
  if (options.mustExist && !existsSync(target.path)) throw new Error(`no audit log at ${target.path} (pass --db PATH or --database-url URL)`);
  return openSqliteAuditStore({ path: target.path, ...(options.mustExist ? { mustExist: true } : {}) });
}
