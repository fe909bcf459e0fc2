/** The app's settings, read from the environment once at start. */
export interface AppConfig {
  appId: number;
  checkName: string;
  timeoutMs: number;
  concurrency: number;
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
  };
}

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`cannot start: ${name} must be a positive integer, got "${raw}"`);
  return value;
}
