import type { ChangeSet, ChangeSetRequest, FileChange, SourceCommit } from "../change-set.js";
import { preferArchives } from "./archive-choice.js";
import type { BlobStore } from "./blob-store.js";
import { rebuildCommit, type RebuiltCommit } from "./commit-object.js";
import { fetchRange, type Range } from "./fetch-range.js";
import { blobsNeeded, toFileChanges } from "./file-versions.js";
import type { GitHubApi } from "./github-api.js";
import { GitHubLimitError } from "./github-source-error.js";
import { listingIsComplete, needsListing, pairMergeRenames, pairRenames, type ChangeEntry } from "./pair-renames.js";
import type { Plan } from "./plan.js";
import { commitListing, netListingLimit, pullListing } from "./rename-listings.js";
import { topoOrder } from "./topo-order.js";
import { diffTrees, type DiffJob, type RawEntry, type Side } from "./tree-diff.js";
import type { TreeStore } from "./tree-store.js";

export interface BuildDeps {
  api: GitHubApi;
  store: TreeStore;
  blobs: BlobStore;
  plan: Plan;
  maxFileBytes: number;
}

const NET = "(net change)";

/**
 * `base..head` through the API, in this order: the compare (commits with their signed payloads, the merge base, the
 * net file list); the commits rebuilt byte-exact and put in git's topological order; the trees of every commit and
 * its parents diffed level by level (REST recursive reads for few commits, batched GraphQL for many); renames paired
 * from GitHub's listings where the trees leave them ambiguous; then every needed blob in one batched load, from the
 * merge base's and head's tarballs when that takes fewer requests.
 */
export async function buildChangeSet(deps: BuildDeps, request: ChangeSetRequest & { pullNumber?: number }): Promise<ChangeSet> {
  const { api, store, blobs, plan, maxFileBytes } = deps;
  const range = await fetchRange(api, request.base, request.head, request.headOnly ?? false);
  const commits = topoOrder(range.commits.map(rebuildCommit), range.head);
  store.setRoot(range.mergeBase, range.mergeBaseTree);
  for (const commit of commits) store.setRoot(commit.sha, commit.tree);

  const outside = [...new Set(commits.flatMap((c) => c.parents))].filter((sha) => store.rootOf(sha) === undefined);
  await loadRoots(store, plan, range, commits, outside);

  const headTree = store.rootOf(range.head) ?? range.mergeBaseTree;
  const jobs: DiffJob[] = commits.map((c) => ({ key: c.sha, result: c.tree, parents: c.parents.map((p) => store.rootOf(p) ?? "") }));
  if (range.head !== range.mergeBase) jobs.push({ key: NET, result: headTree, parents: [range.mergeBaseTree] });
  const raw = await diffTrees(store, jobs);

  const [perCommit, net] = await Promise.all([
    Promise.all(commits.map((commit) => commitChanges(deps, commit, raw.get(commit.sha) ?? []))),
    netChanges(deps, range, raw.get(NET) ?? [], request.pullNumber),
  ]);
  const withContent = request.commitContents ?? false;
  const netBlobs = blobsNeeded(net, true, maxFileBytes);
  const sides = { base: new Set(net.flatMap((c) => (c.base ? [c.base.oid] : []))), head: new Set(net.flatMap((c) => (c.head ? [c.head.oid] : []))) };
  await preferArchives(store, blobs, plan, [
    { commit: range.mergeBase, requests: netBlobs.filter((r) => sides.base.has(r.oid)) },
    { commit: range.head, requests: netBlobs.filter((r) => sides.head.has(r.oid)) },
  ]);
  await blobs.load([...netBlobs, ...perCommit.flatMap((changes) => blobsNeeded(changes, withContent, maxFileBytes))]);
  const [files, commitFiles] = await Promise.all([
    toFileChanges(net, blobs, true, maxFileBytes),
    Promise.all(perCommit.map((changes) => toFileChanges(changes, blobs, withContent, maxFileBytes))),
  ]);
  return { base: range.base, head: range.head, mergeBase: range.mergeBase, commits: commits.map((c, i) => sourceCommit(c, commitFiles[i] ?? [])), files };
}

/**
 * The root trees of every commit and parent. Few commits over a modest tree: one recursive REST read each (the merge
 * base's first, which the base's own reads reuse, and whose size says whether repeating it per commit is sensible).
 * Otherwise one batched load of the root trees, the rest level by level.
 */
async function loadRoots(store: TreeStore, plan: Plan, range: Range, commits: readonly RebuiltCommit[], outside: readonly string[]): Promise<void> {
  const roots = [...new Set([range.mergeBase, ...commits.map((c) => c.sha), ...outside])];
  if (plan.rest(roots.length)) {
    const first = await store.recursive(range.mergeBase);
    if (first.entries * roots.length <= plan.recursiveEntries) {
      await Promise.all(roots.map((sha) => store.recursive(sha)));
      return;
    }
  }
  await store.load([...new Set([range.mergeBaseTree, ...commits.map((c) => c.tree)])], outside);
}

function sourceCommit(commit: RebuiltCommit, files: FileChange[]): SourceCommit {
  const { tree: _tree, exact: _exact, ...fields } = commit;
  return { ...fields, files };
}

/** One commit's changes; GitHub's listing of the commit is read only when the trees leave renames ambiguous. */
async function commitChanges(deps: BuildDeps, commit: RebuiltCommit, entries: RawEntry[]): Promise<ChangeEntry[]> {
  const merge = commit.parents.length > 1;
  const what = `commit ${commit.sha}`;
  if (!needsListing(entries, merge)) return pairRenames(entries, merge ? [] : null, what);
  const listing = await commitListing(deps.api, commit.sha);
  if (merge) {
    if (!listing.complete) throw commitLimit(commit.sha);
    const firstParent = deps.store.rootOf(commit.parents[0] ?? "") ?? "";
    const sources = listing.files.flatMap((f) => (f.status === "renamed" && f.previousFilename ? [f.previousFilename] : []));
    const sides = new Map(await Promise.all(sources.map(async (path) => [path, await sideAt(deps.store, firstParent, path)] as const)));
    return pairMergeRenames(pairRenames(entries, [], what), listing.files, (path) => sides.get(path) ?? null);
  }
  if (!listingIsComplete(entries, listing.files)) throw commitLimit(commit.sha);
  return pairRenames(entries, listing.files, what);
}

/** The net change; its renames come from the compare's listing (300 files), else the pull request's (3,000). */
async function netChanges(deps: BuildDeps, range: Range, entries: RawEntry[], pullNumber: number | undefined): Promise<ChangeEntry[]> {
  if (!needsListing(entries, false)) return pairRenames(entries, null, NET);
  if (listingIsComplete(entries, range.files)) return pairRenames(entries, range.files, NET);
  if (pullNumber !== undefined) {
    const listing = await pullListing(deps.api, pullNumber, entries.length);
    if (listingIsComplete(entries, listing.files)) return pairRenames(entries, listing.files, `pull request #${pullNumber}`);
  }
  throw netListingLimit(entries.length, pullNumber);
}

function commitLimit(sha: string): GitHubLimitError {
  return new GitHubLimitError(
    "commit-files",
    `commit ${sha} changes more files than GitHub lists for one commit (3,000), with added and deleted files among them: ` +
      "renames cannot be told apart from deletions. Split the commit, or run `flux-warden check` locally.",
  );
}

/** The entry at `path` below a root tree, loading trees on the way. */
async function sideAt(store: TreeStore, root: string, path: string): Promise<Side | null> {
  let tree = root;
  const parts = path.split("/");
  for (const [i, part] of parts.entries()) {
    await store.load([tree]);
    const entry = store.entries(tree).find((e) => e.name === part);
    if (!entry) return null;
    if (i === parts.length - 1) return entry.type === "tree" ? null : { mode: entry.mode, oid: entry.oid, size: entry.size };
    if (entry.type !== "tree") return null;
    tree = entry.oid;
  }
  return null;
}
