import type { GitContext } from "./git-context.js";
import { GitSourceError } from "./git-source-error.js";
import { RawDiffParser, type RawChange } from "./raw-diff-parser.js";
import { streamGit } from "./run-git.js";

/**
 * `-c --combined-all-paths`: a merge lists only the paths whose result differs from every parent — what the merge
 * itself introduced — with each parent's path, so a rename made in the merge is seen. `--root` diffs a root commit
 * against the empty tree; `--always` prints a header even for an empty diff, so every commit is accounted for.
 */
const COMMIT_DIFF = ["diff-tree", "--stdin", "-z", "-r", "-M", "--root", "--always", "-c", "--combined-all-paths", "--no-abbrev"];

/**
 * What each commit changed, from ONE `git diff-tree --stdin` process for all of them, streamed record by record.
 * Fails closed when git's answer omits a commit.
 */
export async function diffCommits(ctx: GitContext, shas: readonly string[]): Promise<Map<string, RawChange[]>> {
  const changes = new Map<string, RawChange[]>();
  if (shas.length === 0) return changes;
  let current: RawChange[] | null = null;
  const parser = new RawDiffParser(
    (change) => {
      if (!current) throw new GitSourceError("git diff-tree printed a change before any commit header");
      current.push(change);
    },
    (sha) => {
      current = [];
      changes.set(sha, current);
    },
  );
  await streamGit(ctx, COMMIT_DIFF, { input: `${shas.join("\n")}\n`, separator: 0, onRecord: (r) => parser.push(r) });
  parser.end();
  const missing = shas.filter((sha) => !changes.has(sha));
  if (missing.length > 0) {
    throw new GitSourceError(`git diff-tree gave no answer for ${missing.length} commit(s), e.g. ${missing[0]}: retry`);
  }
  return changes;
}

/** The net change between two commits (`from..to` as a pull request shows it), with rename detection. */
export async function diffTrees(ctx: GitContext, from: string, to: string): Promise<RawChange[]> {
  const changes: RawChange[] = [];
  const parser = new RawDiffParser((change) => changes.push(change));
  await streamGit(ctx, ["diff-tree", "-z", "-r", "-M", "--no-abbrev", from, to], { separator: 0, onRecord: (r) => parser.push(r) });
  parser.end();
  return changes;
}
