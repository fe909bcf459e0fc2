import { DEFAULT_MAX_FILE_BYTES, type ChangeSet, type ChangeSetRequest, type ChangeSetSource, type TreeReader } from "../change-set.js";
import { BlobStore } from "./blob-store.js";
import { buildChangeSet } from "./build-change-set.js";
import { GitHubApi, type GitHubRequester, type GitHubRequestStats, type SourceLogger } from "./github-api.js";
import { GitHubSourceError } from "./github-source-error.js";
import { GitHubTreeReader } from "./github-tree-reader.js";
import { makePlan, type PlanOptions } from "./plan.js";
import { TreeStore } from "./tree-store.js";

export interface GitHubSourceOptions extends PlanOptions {
  /** An Octokit-like client (`request` + `graphql`): Probot's `context.octokit` fits. */
  octokit: GitHubRequester;
  owner: string;
  repo: string;
  /** Files above this many bytes are flagged `tooLarge` and never read. Default `DEFAULT_MAX_FILE_BYTES` (1 MiB). */
  maxFileBytes?: number;
  /** REST requests in flight at once (default 10, as plugin-throttling allows in production). */
  concurrency?: number;
  log?: SourceLogger;
}

/** The GitHub API as a ChangeSet source (what the app reads). */
export interface GitHubSource extends ChangeSetSource {
  /**
   * Every commit of `base..head` and the net change `mergeBase(base, head)..head`: the same ChangeSet the local git
   * source builds. `pullNumber` lets the net change go past the compare's 300-file listing (up to GitHub's 3,000).
   * Throws `GitHubApiError` (status and request id), `GitHubLimitError` (which limit, how to proceed) or
   * `GitHubSourceError`; never returns part of a change.
   */
  changeSet(request: ChangeSetRequest & { pullNumber?: number }): Promise<ChangeSet>;
  /** A commit's tree (the base's, for policy and keys). Pass a full sha (`changeSet.base`). */
  tree(ref: string): TreeReader;
  /** API requests made so far, by kind. */
  stats(): GitHubRequestStats;
}

/**
 * Creates a GitHub source for one repository. Trees and blobs read are kept for the source's lifetime (git objects
 * never change), so the base tree's reads reuse what the change set already fetched: create one source per
 * evaluation.
 *
 * @example
 * const source = createGitHubSource({ octokit: context.octokit, owner, repo });
 * const changeSet = await source.changeSet({ base: pr.base.sha, head: pr.head.sha, pullNumber: pr.number });
 * const policy = await source.tree(changeSet.base).read(".github/flux-warden.yml");
 */
export function createGitHubSource(options: GitHubSourceOptions): GitHubSource {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes < 0) {
    throw new GitHubSourceError(`maxFileBytes must be a whole number of bytes, got ${String(options.maxFileBytes)}`);
  }
  const plan = makePlan(options);
  const api = new GitHubApi(options.octokit, options.owner, options.repo, Math.max(1, options.concurrency ?? 10), options.log ?? null);
  const store = new TreeStore(api, plan);
  const blobs = new BlobStore(api, plan);
  return {
    changeSet: async (request) => {
      const started = Date.now();
      const changeSet = await buildChangeSet({ api, store, blobs, plan, maxFileBytes }, request);
      options.log?.debug({ base: changeSet.base, head: changeSet.head, commits: changeSet.commits.length, files: changeSet.files.length, ms: Date.now() - started, requests: api.stats() }, "github change set");
      return changeSet;
    },
    tree: (ref) => new GitHubTreeReader(ref, store, blobs, plan, maxFileBytes),
    stats: () => api.stats(),
  };
}
