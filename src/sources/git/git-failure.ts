import { existsSync } from "node:fs";
import type { GitContext } from "./git-context.js";
import { GitSourceError } from "./git-source-error.js";

/** Known git complaints and what the user should do about each. First match wins. */
const ADVICE: Array<[RegExp, (ctx: GitContext) => string]> = [
  [/not a git repository/i, (ctx) => `${ctx.repoDir} is not a git repository: run in a clone or pass --repo DIR`],
  [
    /dubious ownership/i,
    (ctx) => `git refuses a repository owned by another user: git config --global --add safe.directory ${ctx.repoDir}`,
  ],
  [
    /bad object|missing (blob|tree|commit)|unable to read|could not read|promisor/i,
    () => "an object is missing: the clone is shallow or partial; fetch the full history (git fetch --unshallow)",
  ],
];

/** A git process that exited badly: git's own line plus the advice that fits it. */
export function gitFailure(ctx: GitContext, args: readonly string[], exit: string, stderr: string): GitSourceError {
  const trimmed = stderr.trim();
  const line = mainLine(trimmed);
  const advice = ADVICE.find(([pattern]) => pattern.test(trimmed))?.[1](ctx);
  const what = `git ${args[0] ?? ""} failed in ${ctx.repoDir} (${exit})`;
  const message = `${line ? `${what}: ${line}` : what}${advice ? ` — ${advice}` : ""}`;
  return new GitSourceError(message, trimmed || null);
}

/** git could not even be started: a missing directory or a missing executable (both are ENOENT to spawn). */
export function spawnFailure(ctx: GitContext, error: NodeJS.ErrnoException): GitSourceError {
  if (error.code === "ENOENT" && !existsSync(ctx.repoDir)) {
    return new GitSourceError(`repository directory ${ctx.repoDir} does not exist: pass the path of a clone`);
  }
  if (error.code === "ENOENT") {
    return new GitSourceError(`cannot run git (${ctx.git} not found): install git or pass its path as the git option`);
  }
  return new GitSourceError(`cannot run ${ctx.git} in ${ctx.repoDir}: ${error.message}`);
}

/** The line that says what went wrong: git's `fatal:`/`error:` line when present, else the first line. */
function mainLine(stderr: string): string {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? "";
}
