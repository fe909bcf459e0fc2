import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The real app as users run it — `npm start` in a child process — pointed at a fake GitHub. */
export interface AppProcess {
  url: string;
  secret: string;
  /** Everything the process printed (structured logs), for assertions about what is (not) logged. */
  output(): string;
  /** Sends a delivery signed with the webhook secret (or with `signature` as given, to forge one). */
  deliver(name: string, payload: unknown, options?: { id?: string; signature?: string | null }): Promise<Response>;
  stop(): Promise<void>;
  child: ChildProcess;
}

export interface StartAppOptions {
  /** The fake GitHub's `host:port` (GHE_HOST). */
  githubHost: string;
  appId?: number;
  env?: Record<string, string>;
}

export async function startApp({ githubHost, appId = 1, env = {} }: StartAppOptions): Promise<AppProcess> {
  const port = await freePort();
  const secret = `whsec-${Math.random().toString(36).slice(2)}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const child = spawn("npm", ["start", "--silent"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      APP_ID: String(appId),
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: secret,
      GHE_HOST: githubHost,
      GHE_PROTOCOL: "http",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
      DATA_DIR: mkdtempSync(join(tmpdir(), "fw-app-data-")),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/healthz`).catch(() => null))?.ok === true, 60_000, () => `app did not start:\n${output}`);
  return {
    url,
    secret,
    child,
    output: () => output,
    async deliver(name, payload, { id = `delivery-${Math.random().toString(36).slice(2)}`, signature } = {}) {
      const body = JSON.stringify(payload);
      const signed = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
      const headers: Record<string, string> = { "content-type": "application/json", "x-github-event": name, "x-github-delivery": id };
      if (signature !== null) headers["x-hub-signature-256"] = signature ?? signed;
      return fetch(`${url}/api/github/webhooks`, { method: "POST", headers, body });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid!, "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
    },
  };
}

export async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs: number, message: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(message());
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}
