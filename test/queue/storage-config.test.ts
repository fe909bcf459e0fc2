import { describe, expect, it } from "vitest";
import { ConfigError, readAppConfig } from "../../src/app/app-config.js";

const base = { APP_ID: "1", PRIVATE_KEY: "pem", WEBHOOK_SECRET: "s" };

describe("storage, retention and reconciler settings", () => {
  it("default to SQLite under ./.data, audit kept forever, reconciling every 10 minutes", () => {
    expect(readAppConfig(base)).toMatchObject({ storage: { kind: "sqlite", dataDir: ".data" }, auditRetentionDays: null, reconcileIntervalMs: 600_000 });
    expect(readAppConfig({ ...base, DATA_DIR: "/data" }).storage).toEqual({ kind: "sqlite", dataDir: "/data" });
  });

  it("use PostgreSQL when DATABASE_URL is set", () => {
    expect(readAppConfig({ ...base, DATABASE_URL: "postgres://u@db/warden", DATA_DIR: "/ignored" }).storage).toEqual({ kind: "postgres", url: "postgres://u@db/warden", schema: "flux_warden" });
    expect(readAppConfig({ ...base, DATABASE_URL: "postgresql://db/w", DATABASE_SCHEMA: "fw_prod" }).storage).toMatchObject({ schema: "fw_prod" });
  });

  it("read retention and the reconciler interval, 0 turning the reconciler off", () => {
    expect(readAppConfig({ ...base, AUDIT_RETENTION_DAYS: "400", RECONCILE_INTERVAL_SECONDS: "0" })).toMatchObject({ auditRetentionDays: 400, reconcileIntervalMs: 0 });
    expect(readAppConfig({ ...base, RECONCILE_INTERVAL_SECONDS: "60" }).reconcileIntervalMs).toBe(60_000);
  });

  it("refuse settings that cannot work, saying which", () => {
    expect(() => readAppConfig({ ...base, DATABASE_URL: "mysql://db" })).toThrow(new ConfigError("cannot start: DATABASE_URL must be a postgres:// or postgresql:// URL"));
    expect(() => readAppConfig({ ...base, DATABASE_URL: "postgres://db", DATABASE_SCHEMA: "Robert'); DROP" })).toThrow(/DATABASE_SCHEMA must be/);
    expect(() => readAppConfig({ ...base, AUDIT_RETENTION_DAYS: "-1" })).toThrow(/AUDIT_RETENTION_DAYS must be a positive integer/);
  });
});
