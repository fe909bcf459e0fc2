import { join } from "node:path";
import Database from "better-sqlite3";
import type { AuditStore } from "../../src/audit/audit-store.js";
import { openSqliteAuditStore } from "../../src/audit/sqlite-audit-store.js";
import { openPostgresAuditStore } from "../../src/audit/postgres-audit-store.js";
import { pgExec, pgSchema, tempDir, TEST_DATABASE_URL } from "./audit-fixtures.js";

/** One store under test plus raw SQL access to it, for tampering like an attacker with database access would. */
export interface StoreHarness {
  store: AuditStore;
  /** Runs SQL where `T.` stands for the store's table prefix; `?` placeholders for both dialects. */
  tamper(sql: string, params?: unknown[]): Promise<void>;
  /** CLI flags that open the same store. */
  cliFlags: string[];
  open(): Promise<AuditStore>;
  cleanup(): Promise<void>;
}

export const STORES: Array<{ name: string; make(now?: () => Date): Promise<StoreHarness> }> = [
  {
    name: "sqlite",
    async make(now) {
      const tmp = tempDir();
      const path = join(tmp.dir, "data", "audit.db");
      const open = async () => openSqliteAuditStore({ path, ...(now ? { now } : {}) });
      const store = await open();
      return {
        store,
        open,
        cliFlags: ["--db", path],
        async tamper(sql, params = []) {
          const db = new Database(path);
          try {
            db.prepare(sql.replaceAll("T.", "")).run(...params);
          } finally {
            db.close();
          }
        },
        async cleanup() {
          await store.close().catch(() => undefined);
          tmp.cleanup();
        },
      };
    },
  },
  {
    name: "postgres",
    async make(now) {
      const schema = pgSchema();
      const open = () => openPostgresAuditStore({ connectionString: TEST_DATABASE_URL, schema: schema.name, ...(now ? { now } : {}) });
      const store = await open();
      return {
        store,
        open,
        cliFlags: ["--database-url", TEST_DATABASE_URL, "--schema", schema.name],
        async tamper(sql, params = []) {
          let n = 0;
          await pgExec(sql.replaceAll("T.", `"${schema.name}".`).replace(/\?/g, () => `$${++n}`), params);
        },
        async cleanup() {
          await store.close().catch(() => undefined);
          await schema.drop();
        },
      };
    },
  },
];
