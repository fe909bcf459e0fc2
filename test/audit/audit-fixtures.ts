import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { AUDIT_RECORD_VERSION, type AuditEntry } from "../../src/audit/audit-record.js";

/** The machine's PostgreSQL (CI starts it); override with TEST_DATABASE_URL. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** A fresh schema name per test; `drop` removes it and everything in it. */
export function pgSchema(prefix = "fw_test"): { name: string; drop(): Promise<void> } {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  return {
    name,
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs one SQL statement (tests use it to tamper with rows). */
export async function pgExec(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** A temp directory removed by `cleanup`. */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "fw-audit-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const sha = (n: number, c = "a") => (c.repeat(39) + n.toString(16)).slice(-40);

/** An audit entry with plausible content; `n` varies the shas and time. */
export function entry(n: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    version: AUDIT_RECORD_VERSION,
    time: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
    jobId: `job-${n}`,
    delivery: `delivery-${n}`,
    event: "pull_request.synchronize",
    kind: "pull_request",
    installation: 7,
    repository: "acme/fleet",
    pullRequest: n,
    base: sha(n, "b"),
    head: sha(n, "c"),
    forced: false,
    policy: { path: ".github/flux-warden.yml", ref: sha(n, "b"), blob: sha(n, "d"), source: "base" },
    keys: [{ type: "openpgp", fingerprint: "ABCDEF0123456789ABCDEF0123456789ABCDEF01", source: "keys/alice.asc" }],
    commits: [
      {
        sha: sha(n, "e"),
        verified: true,
        reason: "verified",
        signer: { type: "openpgp", fingerprint: "ABCDEF0123456789ABCDEF0123456789ABCDEF01", keyId: "89ABCDEF01", userIds: ["Alice <alice@example.com>"] },
        tenants: ["platform"],
      },
    ],
    findings: [],
    conclusion: "success",
    checkRunId: 1000 + n,
    durationMs: 120,
    appVersion: "0.1.0",
    error: null,
    ...overrides,
  };
}
