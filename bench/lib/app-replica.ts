import { readdirSync, readFileSync } from "node:fs";
import { startApp, waitFor, type AppProcess } from "../../test/support/app-process.js";
import { trackGroup } from "./cleanup.js";

/** One `npm start` of the real app (production settings), with its node process found for memory readings. */
export interface Replica {
  app: AppProcess;
  /** The node process running `lib/app/start.js` (npm and sh sit above it). */
  pid: number;
  /** Peak resident set of the node process so far (VmHWM), MB. */
  peakRssMb(): number;
  /** The structured log lines printed so far. */
  logs(): Array<Record<string, unknown>>;
  /**
   * Waits for a log line whose `msg` starts with `msg` (e.g. "reconciler pass": the leader's first pass, which reads
   * open pull requests, or a follower's "reconciler pass: another replica leads …").
   */
  waitForLog(msg: string, timeoutMs?: number): Promise<void>;
}

/**
 * Starts the app as production runs it: `NODE_ENV=production`, Probot's default Octokit (plugin-throttling and
 * plugin-retry on), the durable queue (SQLite under a fresh DATA_DIR, or PostgreSQL when `env.DATABASE_URL` is
 * set), JSON logs at `info`.
 */
export async function startReplica(options: { githubHost: string; appId: number; env?: Record<string, string> }): Promise<Replica> {
  const app = await startApp({ githubHost: options.githubHost, appId: options.appId, env: { NODE_ENV: "production", ...options.env } });
  const untrack = trackGroup(app.child.pid!);
  app.child.once("exit", untrack);
  const pid = findNodePid(app.child.pid!);
  // Parsed once per line: the burst's accounting reads the logs many times.
  const parsed: Array<Record<string, unknown>> = [];
  let consumed = 0;
  const logs = (): Array<Record<string, unknown>> => {
    const output = app.output();
    const end = output.lastIndexOf("\n") + 1;
    for (const line of output.slice(consumed, end).split("\n")) {
      if (!line.startsWith("{")) continue;
      try {
        parsed.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
    consumed = Math.max(consumed, end);
    return parsed;
  };
  return {
    app,
    pid,
    peakRssMb: () => statusField(pid, "VmHWM") / 1024,
    logs,
    waitForLog: (msg, timeoutMs = 30_000) => waitFor(() => logs().some((line) => typeof line.msg === "string" && line.msg.startsWith(msg)), timeoutMs, () => `no "${msg}" in the app's log:\n${app.output().slice(-3000)}`),
  };
}

/** The node process in `npm start`'s process group that runs the app. */
function findNodePid(group: number): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (Number(fields[2]) === group && /(^|\/)node$/.test(argv[0] ?? "") && argv.some((arg) => arg.endsWith("lib/app/start.js"))) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  throw new Error(`no node process running lib/app/start.js in process group ${group}`);
}

/** A `kB` field of /proc/<pid>/status, in kB. */
function statusField(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
}
