import type { ChangeSet, ChangeSetRequest, SourceCommit } from "../change-set.js";
import { BlobLoader } from "./blob-loader.js";
import { diffCommits, diffTrees } from "./diff-commits.js";
import type { GitContext } from "./git-context.js";
import { GitSourceError } from "./git-source-error.js";
import { listCommits } from "./list-commits.js";
import { mergeBase } from "./merge-base.js";
import type { ObjectReader } from "./object-reader.js";
import { parseCommit } from "./parse-commit.js";
import { resolveRev } from "./resolve-rev.js";

/**
 * `base..head` as a ChangeSet. A fixed number of processes whatever the range: rev-parse ×2, merge-base, rev-list,
 * one diff-tree for every commit's file list, one for the net change, and the two shared cat-file processes.
 */
export async function buildChangeSet(
  ctx: GitContext,
  objects: ObjectReader,
  request: ChangeSetRequest,
  maxFileBytes: number,
): Promise<ChangeSet> {
  const [base, head] = await Promise.all([resolveRev(ctx, request.base), resolveRev(ctx, request.head)]);
  const meet = await mergeBase(ctx, base, head);
  // headOnly (Flux's HEAD mode) lists only HEAD — unless head is already contained in base and the range is empty.
  const shas = request.headOnly ? (meet === head ? [] : [head]) : await listCommits(ctx, base, head);
  const loader = new BlobLoader(objects, maxFileBytes);
  const [commits, files] = await Promise.all([
    readCommits(ctx, objects, loader, shas, request.commitContents ?? false),
    diffTrees(ctx, meet, head).then((raw) => loader.changes(raw, true)),
  ]);
  return { base, head, mergeBase: meet, commits, files };
}

async function readCommits(
  ctx: GitContext,
  objects: ObjectReader,
  loader: BlobLoader,
  shas: readonly string[],
  withContent: boolean,
): Promise<SourceCommit[]> {
  const [raws, changes] = await Promise.all([Promise.all(shas.map((sha) => objects.read(sha))), diffCommits(ctx, shas)]);
  return Promise.all(
    shas.map(async (sha, index) => {
      const raw = raws[index];
      if (!raw?.content || raw.type !== "commit") {
        throw new GitSourceError(`commit ${sha} could not be read from ${ctx.repoDir}: the clone is partial or damaged (git fsck)`);
      }
      const files = await loader.changes(changes.get(sha) ?? [], withContent);
      return { ...parseCommit(sha, raw.content), files };
    }),
  );
}
