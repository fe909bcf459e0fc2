import { spawn, type ChildProcess } from "node:child_process";
import type { FakeStats, RecordedCheckRun } from "../../test/support/fake-github.js";
import { ROOT } from "./child.js";
import { trackChild } from "./cleanup.js";

/**
 * The fake GitHub in a process of its own (`test/support/fake-github.ts`), so that its work (git processes, JSON)
 * does not run on the event loop that sends deliveries and times their acknowledgements. Driven over its control
 * endpoints.
 */
export interface FakeProcess {
  url: string;
  /** `host:port`, for GHE_HOST. */
  host: string;
  stats(): Promise<FakeStats>;
  resetStats(): Promise<void>;
  setLatency(ms: number): Promise<void>;
  addPull(pull: { number: number; base: string; head: string; owner?: string }): Promise<Record<string, unknown>>;
  /** Check-run writes recorded after the first `since`. */
  checkRuns(since?: number): Promise<RecordedCheckRun[]>;
  stop(): Promise<void>;
}

export async function startFakeProcess(options: { repoDir: string; installations: Array<{ id: number; owner: string }>; appId: number; latencyMs?: number }): Promise<FakeProcess> {
  const installations = options.installations.map((i) => `${i.id}:${i.owner}`).join(",");
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "test/support/fake-github.ts", "--repo", options.repoDir, "--port", "0", "--installations", installations, "--app-id", String(options.appId), "--latency-ms", String(options.latencyMs ?? 0)],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  const untrack = trackChild(child.pid!);
  child.once("exit", untrack);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(out);
      if (found?.[1]) resolve(found[1]);
    });
    child.on("exit", (code) => reject(new Error(`fake GitHub exited with ${code}: ${stderr}`)));
  });
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${url}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (!answer.ok) throw new Error(`fake GitHub ${method} ${path}: ${answer.status} ${await answer.text()}`);
    return (answer.status === 204 ? undefined : await answer.json()) as T;
  };
  return {
    url,
    host: new URL(url).host,
    stats: () => control("GET", "/_fake/stats"),
    resetStats: () => control("POST", "/_fake/reset-stats"),
    setLatency: (ms) => control("PUT", "/_fake/latency", { ms }),
    addPull: (pull) => control("POST", "/_fake/pulls", pull),
    checkRuns: (since = 0) => control("GET", `/_fake/check-runs?since=${since}`),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
