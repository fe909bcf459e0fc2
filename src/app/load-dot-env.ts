import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";

/**
 * Reads `.env` (what `npm run setup` writes) into `env` for the variables not already set, as Probot does: the real
 * environment always wins, so a container's secrets are never overridden by a stray file.
 */
export function loadDotEnv(env: Record<string, string | undefined>, dir = process.cwd()): void {
  let text: string;
  try {
    text = readFileSync(join(dir, ".env"), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] === undefined) env[name] = value;
  }
}
