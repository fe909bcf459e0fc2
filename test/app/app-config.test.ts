import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ConfigError, readAppConfig } from "../../src/app/app-config.js";
import { loadDotEnv } from "../../src/app/load-dot-env.js";

const COMPLETE = { APP_ID: "12", PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----", WEBHOOK_SECRET: "s" };

describe("readAppConfig", () => {
  it("names every missing credential at once", () => {
    expect(() => readAppConfig({})).toThrow(
      new ConfigError(
        'cannot start: missing APP_ID (the GitHub App\'s id), PRIVATE_KEY or PRIVATE_KEY_PATH (the app\'s private key, PEM), WEBHOOK_SECRET (the secret set on the app\'s webhook). See README.md, "Install the GitHub App".',
      ),
    );
    expect(() => readAppConfig({ APP_ID: "12", PRIVATE_KEY_PATH: "/k.pem" })).toThrow(/missing WEBHOOK_SECRET/);
  });

  it("rejects malformed numbers instead of guessing", () => {
    expect(() => readAppConfig({ ...COMPLETE, APP_ID: "twelve" })).toThrow(/APP_ID must be a positive integer, got "twelve"/);
    expect(() => readAppConfig({ ...COMPLETE, CONCURRENCY: "0" })).toThrow(/CONCURRENCY must be a positive integer/);
  });

  it("applies defaults", () => {
    expect(readAppConfig(COMPLETE)).toMatchObject({ appId: 12, checkName: "flux-warden", timeoutMs: 300_000, concurrency: 4 });
  });
});

describe("loadDotEnv", () => {
  it("fills what the environment lacks and never overrides it", () => {
    const dir = mkdtempSync(join(tmpdir(), "fw-env-"));
    writeFileSync(join(dir, ".env"), "APP_ID=7\nWEBHOOK_SECRET=from-file\n");
    const env: Record<string, string | undefined> = { WEBHOOK_SECRET: "from-env" };
    loadDotEnv(env, dir);
    expect(env).toEqual({ APP_ID: "7", WEBHOOK_SECRET: "from-env" });
    loadDotEnv(env, mkdtempSync(join(tmpdir(), "fw-env-none-")));
    expect(env).toEqual({ APP_ID: "7", WEBHOOK_SECRET: "from-env" });
  });
});

it("npm start refuses to run without credentials, saying which are missing", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const cwd = mkdtempSync(join(tmpdir(), "fw-start-"));
  const result = spawnSync(process.execPath, [join(root, "lib/app/start.js")], { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "" }, timeout: 30_000 });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("flux-warden: cannot start: missing APP_ID");
  expect(result.stderr).toContain("WEBHOOK_SECRET");
});
