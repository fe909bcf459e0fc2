import { execFileSync } from "node:child_process";
import { DEFAULT_MAX_FILE_BYTES, type ChangeSet, type ChangeSetRequest, type TreeReader } from "../change-set.js";
import { buildChangeSet } from "./build-change-set.js";
import { gitEnv, type GitContext } from "./git-context.js";
import { gitFailure, spawnFailure } from "./git-failure.js";
import { GitSourceError } from "./git-source-error.js";
import { GitTreeReader } from "./git-tree-reader.js";
import { ObjectReader } from "./object-reader.js";
import { readTag, type SourceTag } from "./read-tag.js";
import { resolveRev } from "./resolve-rev.js";
import { endRunningGit } from "./run-git.js";

export interface GitSourceOptions {
  /** Any directory inside the repository (a work tree or a bare repository). */
  repoDir: string;
  /** Files above this many bytes are flagged `tooLarge` and never read. Default `DEFAULT_MAX_FILE_BYTES` (1 MiB). */
  maxFileBytes?: number;
  /** The git executable. Default `git` (from PATH). */
  git?: string;
}

/** A local repository as a ChangeSet source (what `flux-warden check` reads). */
export interface GitSource {
  /** The full sha of the commit a revision names (`origin/main`, `HEAD~2`, a tag); throws `GitSourceError`. */
  resolve(rev: string): Promise<string>;
  /** Every commit of `base..head` and the net change `mergeBase(base, head)..head`. */
  changeSet(request: ChangeSetRequest): Promise<ChangeSet>;
  /** The tree of a commit. Pass a full sha (e.g. `changeSet.base`); another revision is resolved on the spot. */
  tree(rev: string): TreeReader;
  /** An annotated tag (`refs/tags/NAME`) with its signed payload; throws for a lightweight or missing tag. */
  tag(name: string): Promise<SourceTag>;
  /** Ends the cat-file processes; every later call fails (trees made before, too). Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Creates a git source. Nothing is started until first use; the two cat-file processes it then keeps are shared by
 * every call and end with `close()` (an idle source never keeps Node alive, and git exits when Node does).
 *
 * @example
 * const source = createGitSource({ repoDir: "." });
 * try {
 *   const changeSet = await source.changeSet({ base: "origin/main", head: "HEAD" });
 * } finally {
 *   await source.close();
 * }
 */
export function createGitSource(options: GitSourceOptions): GitSource {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes < 0) {
    throw new GitSourceError(`maxFileBytes must be a whole number of bytes, got ${String(options.maxFileBytes)}`);
  }
  const ctx: GitContext = { git: options.git ?? "git", repoDir: options.repoDir, running: new Set() };
  const objects = new ObjectReader(ctx);
  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new GitSourceError("the git source is closed: create a new one");
  };
  return {
    async resolve(rev) {
      ensureOpen();
      return resolveRev(ctx, rev);
    },
    async changeSet(request) {
      ensureOpen();
      return buildChangeSet(ctx, objects, request, maxFileBytes);
    },
    tree(rev) {
      ensureOpen();
      return new GitTreeReader(ctx, objects, resolveNow(ctx, rev), maxFileBytes);
    },
    async tag(name) {
      ensureOpen();
      return readTag(ctx, objects, name);
    },
    async close() {
      closed = true;
      await Promise.all([objects.close(), endRunningGit(ctx)]);
    },
  };
}

/**
 * `tree()` is synchronous (the TreeReader contract exposes `commit` as a property), so a symbolic revision is resolved
 * with one short blocking rev-parse. A full sha — what callers pass in practice — is taken as is and checked on use.
 */
function resolveNow(ctx: GitContext, rev: string): string {
  if (/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(rev)) return rev;
  try {
    return execFileSync(ctx.git, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`], {
      cwd: ctx.repoDir,
      env: gitEnv(),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { status?: number | null; stderr?: string };
    if (failure.code === "ENOENT" || failure.status === undefined) throw spawnFailure(ctx, failure);
    const stderr = (failure.stderr ?? "").trim();
    if (failure.status === 1 && !stderr) {
      throw new GitSourceError(`unknown revision ${rev} in ${ctx.repoDir}: check the name or fetch it first (git fetch origin ${rev})`);
    }
    throw gitFailure(ctx, ["rev-parse"], `exit ${failure.status ?? "?"}`, stderr);
  }
}
