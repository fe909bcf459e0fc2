/**
 * `npm start`: the production entry. Validates the configuration before Probot sees it, starts the server, and drains
 * the queue on SIGTERM so a rolling restart finishes the evaluations it started.
 */
import { run } from "probot";
import { createApp } from "./create-app.js";
import { readAppConfig, ConfigError, type AppConfig } from "./app-config.js";
import type { JobQueue } from "./job-queue.js";

function configOrExit(): AppConfig {
  try {
    return readAppConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`flux-warden: ${error.message}\n`);
    process.exit(1);
  }
}

const config = configOrExit();
let queue: JobQueue | undefined;
const server = await run(createApp({ ...config, onQueue: (q) => (queue = q) }), { env: process.env });

// Probot handles SIGINT itself; Kubernetes stops pods with SIGTERM.
process.once("SIGTERM", () => {
  process.stderr.write("flux-warden: SIGTERM received, finishing running evaluations\n");
  void (async () => {
    await server.stop();
    await queue?.stop();
    process.exit(0);
  })();
});
