import { spawn, type ChildProcess } from "node:child_process";
import { gitEnv, type GitContext } from "./git-context.js";
import { gitFailure, spawnFailure } from "./git-failure.js";

/** Starts git in the repository with piped stdio. Callers own the process and must see it end. */
export function spawnGit(ctx: GitContext, args: readonly string[]): ChildProcess {
  return spawn(ctx.git, args, { cwd: ctx.repoDir, env: gitEnv(), stdio: ["pipe", "pipe", "pipe"] });
}

/** Keeps a per-call process in `ctx.running` until it has ended (the long-lived cat-file processes close themselves). */
function track(ctx: GitContext, child: ChildProcess): void {
  const running = ctx.running;
  if (!running) return;
  running.add(child);
  const forget = () => running.delete(child);
  child.once("close", forget);
  child.once("error", forget);
}

/**
 * Ends every per-call git process still running in `ctx` (a call that failed while its siblings ran on) and waits
 * until each has exited: after it, no git started for this source is left behind.
 */
export async function endRunningGit(ctx: GitContext): Promise<void> {
  const children = [...(ctx.running ?? [])];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("close", () => resolve());
          child.once("error", () => resolve());
          child.kill("SIGKILL");
        }),
    ),
  );
}

export interface StreamOptions {
  /** Written to stdin, which is then closed. */
  input?: string;
  /** The byte that ends each output record: `0` for `-z` output, `0x0a` for lines. */
  separator: number;
  /** Called for every record, in order, without its separator. Throwing stops git and rejects. */
  onRecord(record: Buffer): void;
  /** Exit codes that are not failures (default: only 0). The promise resolves with the code. */
  okCodes?: readonly number[];
}

/**
 * Runs git and hands its output over record by record as it arrives, so that a 5,000-commit listing is never held
 * as one string. Rejects with a `GitSourceError` carrying git's stderr when git fails; the process is always ended.
 */
export function streamGit(ctx: GitContext, args: readonly string[], options: StreamOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(ctx, args);
    track(ctx, child);
    let rest: Buffer = Buffer.alloc(0);
    let stderr = "";
    let failed: Error | null = null;
    const fail = (error: Error): void => {
      failed ??= error;
      child.kill("SIGKILL");
    };
    child.on("error", (error) => fail(spawnFailure(ctx, error)));
    // git may exit before reading all of its input (a bad revision): the EPIPE that follows is reported by exit status.
    child.stdin?.on("error", () => undefined);
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString("utf8");
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      if (failed) return;
      const data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      let start = 0;
      try {
        for (let end = data.indexOf(options.separator); end !== -1; end = data.indexOf(options.separator, start)) {
          options.onRecord(data.subarray(start, end));
          start = end + 1;
        }
      } catch (error) {
        fail(error as Error);
        return;
      }
      rest = Buffer.from(data.subarray(start));
    });
    child.on("close", (code, signal) => {
      if (failed) return reject(failed);
      const ok = options.okCodes ?? [0];
      if (code === null || !ok.includes(code)) {
        return reject(gitFailure(ctx, args, code === null ? `killed by ${signal}` : `exit ${code}`, stderr));
      }
      try {
        if (rest.length > 0) options.onRecord(rest);
      } catch (error) {
        return reject(error as Error);
      }
      resolve(code);
    });
    child.stdin?.end(options.input ?? "");
  });
}

/** Runs git to completion and returns its output lines (for short answers: rev-parse, merge-base). */
export async function gitLines(
  ctx: GitContext,
  args: readonly string[],
  okCodes: readonly number[] = [0],
): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await streamGit(ctx, args, { separator: 0x0a, okCodes, onRecord: (r) => lines.push(r.toString("utf8")) });
  return { code, lines };
}
