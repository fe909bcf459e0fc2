import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TestRepo } from "../../support/git-repo.js";

/** Bytes as UTF-8 text (null stays null), for readable expectations. */
export function text(bytes: Uint8Array | null | undefined): string | null {
  return bytes ? Buffer.from(bytes).toString("utf8") : null;
}

/** Runs git in the repository with raw bytes in and out (hash-object, cat-file): no string round trip. */
export function gitBytes(repo: TestRepo, args: string[], input?: Uint8Array): Buffer {
  return execFileSync("git", args, { cwd: repo.dir, input, maxBuffer: 1 << 30, env: { ...process.env, HOME: repo.dir } });
}

/**
 * Puts a signature back into a payload as git stores it (a `gpgsig` header at the end of the header block, each
 * continuation line prefixed by a space) — an independent re-serialisation whose hash must be the commit's sha.
 */
export function reassembleSignedCommit(payload: Uint8Array, signature: string): Buffer {
  const bytes = Buffer.from(payload);
  const end = bytes.indexOf("\n\n") + 1;
  const header = `gpgsig ${signature.replace(/\n$/, "").split("\n").join("\n ")}\n`;
  return Buffer.concat([bytes.subarray(0, end), Buffer.from(header, "utf8"), bytes.subarray(end)]);
}

/**
 * A `git` wrapper that records every invocation (one line of arguments each) and, when `batchLog` is set, a copy of
 * every object name sent to `cat-file --batch` — so a test can count processes and see which objects were READ.
 */
export function loggingGit(repo: TestRepo): { git: string; invocations(): string[]; batchRequests(): string[] } {
  // Inside .git: never part of the work tree that the test commits.
  const dir = join(repo.dir, ".git");
  const log = join(dir, "git-invocations.log");
  const batchLog = join(dir, "cat-file-batch.log");
  const git = join(dir, "logging-git");
  writeFileSync(
    git,
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\n` +
      `if [ "$1" = "cat-file" ] && [ "$2" = "--batch" ]; then tee -a '${batchLog}' | git "$@"; exit $?; fi\n` +
      `exec git "$@"\n`,
  );
  chmodSync(git, 0o755);
  const lines = (file: string): string[] => (existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : []);
  return { git, invocations: () => lines(log), batchRequests: () => lines(batchLog) };
}

/** A live child process of this test process, from Linux /proc. */
export interface ChildProcessInfo {
  pid: number;
  comm: string;
  /** `S` sleeping, `R` running, `Z` zombie (exited but never reaped), … */
  state: string;
  /** The working directory; null when unreadable (always so for a zombie). */
  cwd: string | null;
}

/** This process's child processes: to check that nothing is left running — or left unreaped — after `close()`. */
export function childProcesses(): ChildProcessInfo[] {
  const tasks = join("/proc", String(process.pid), "task");
  const pids = readdirSync(tasks).flatMap((tid) => {
    const file = join(tasks, tid, "children");
    return existsSync(file) ? readFileSync(file, "utf8").split(" ").filter(Boolean) : [];
  });
  return pids.flatMap((pid) => {
    try {
      const stat = readFileSync(join("/proc", pid, "stat"), "utf8");
      const close = stat.lastIndexOf(")");
      let cwd: string | null = null;
      try {
        cwd = readlinkSync(join("/proc", pid, "cwd"));
      } catch {
        // a zombie has no working directory
      }
      return [{ pid: Number(pid), comm: stat.slice(stat.indexOf("(") + 1, close), state: stat.slice(close + 2, close + 3), cwd }];
    } catch {
      return []; // exited between the two reads
    }
  });
}
