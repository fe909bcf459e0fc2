import type { StorageTarget } from "../audit/open-audit-store.js";

/** The app's settings, read from the environment once at start. */
export interface AppConfig {
  appId: number;
  checkName: string;
  timeoutMs: number;
  concurrency: number;
  /** Queue and audit log: SQLite under DATA_DIR (default `./.data`), or PostgreSQL when DATABASE_URL is set. */
  storage: StorageTarget;
  /** AUDIT_RETENTION_DAYS: audit records older than this are pruned daily (with a checkpoint); null keeps them forever. */
  auditRetentionDays: number | null;
  /** RECONCILE_INTERVAL_SECONDS (default 600) in ms; 0 turns the reconciler off. */
  reconcileIntervalMs: number;
}

/** A start that cannot work: the message says which settings are missing or wrong. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Refuses to start without credentials and a webhook secret. Probot would otherwise fall back to its setup flow or to
 * the well-known secret "development" — a server that accepts forged deliveries must never run.
 */
export function readAppConfig(env: Record<string, string | undefined>): AppConfig {
  const missing: string[] = [];
  if (!env.APP_ID) missing.push("APP_ID (the GitHub App's id)");
  if (!env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH) missing.push("PRIVATE_KEY or PRIVATE_KEY_PATH (the app's private key, PEM)");
  if (!env.WEBHOOK_SECRET) missing.push("WEBHOOK_SECRET (the secret set on the app's webhook)");
  if (missing.length) throw new ConfigError(`cannot start: missing ${missing.join(", ")}. See README.md, "Install the GitHub App".`);
  const appId = Number(env.APP_ID);
  if (!Number.isInteger(appId) || appId <= 0) throw new ConfigError(`cannot start: APP_ID must be a positive integer, got "${env.APP_ID}"`);
  return {
    appId,
    checkName: env.CHECK_NAME || "flux-warden",
    timeoutMs: positive(env, "EVALUATION_TIMEOUT_MS", 300_000),
    concurrency: positive(env, "CONCURRENCY", 4),
    storage: storage(env),
    auditRetentionDays: env.AUDIT_RETENTION_DAYS ? positive(env, "AUDIT_RETENTION_DAYS", 0) : null,
    reconcileIntervalMs: env.RECONCILE_INTERVAL_SECONDS === "0" ? 0 : positive(env, "RECONCILE_INTERVAL_SECONDS", 600) * 1000,
  };
}

function storage(env: Record<string, string | undefined>): StorageTarget {
  const url = env.DATABASE_URL;
  if (!url) return { kind: "sqlite", dataDir: env.DATA_DIR || ".data" };
  if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError("cannot start: DATABASE_URL must be a postgres:// or postgresql:// URL");
  const schema = env.DATABASE_SCHEMA || "flux_warden";
  if (!/^[a-z_][a-z0-9_]{0,57}$/.test(schema)) throw new ConfigError(`cannot start: DATABASE_SCHEMA must be lower-case letters, digits and _, got "${schema}"`);
  return { kind: "postgres", url, schema };
}

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`cannot start: ${name} must be a positive integer, got "${raw}"`);
  return value;
}
