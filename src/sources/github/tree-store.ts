import type { GitHubApi } from "./github-api.js";
import { batches, fetchObjects } from "./graphql-objects.js";
import { GitHubSourceError } from "./github-source-error.js";
import type { Plan } from "./plan.js";

/** One entry of a tree object. */
export interface TreeItem {
  name: string;
  /** Git's six-digit mode: `100644`, `100755`, `120000`, `160000`, `040000`. */
  mode: string;
  type: "blob" | "tree" | "commit";
  oid: string;
  /** Blob bytes; 0 for trees, -1 for submodules (their commit is in another repository). */
  size: number;
}

const TREES = "GET /repos/{owner}/{repo}/git/trees/{tree_sha}";
const ENTRIES = "entries { name type mode oid size }";

interface RestTree {
  sha: string;
  truncated?: boolean;
  tree: Array<{ path: string; mode: string; type: string; sha: string; size?: number }>;
}

/**
 * Tree objects by oid, loaded the cheapest way the plan allows and kept (they never change): a recursive REST
 * `git/trees` read fills in every subtree of a commit at once; GraphQL loads many trees, one level each, per request.
 */
export class TreeStore {
  readonly #trees = new Map<string, TreeItem[]>();
  readonly #roots = new Map<string, string>();
  readonly #recursive = new Map<string, Promise<Listing>>();

  constructor(
    private readonly api: GitHubApi,
    private readonly plan: Plan,
  ) {}

  has(tree: string): boolean {
    return this.#trees.has(tree);
  }

  /** A loaded tree's entries (throws when it was not loaded: a bug, never a partial answer). */
  entries(tree: string): TreeItem[] {
    const items = this.#trees.get(tree);
    if (!items) throw new GitHubSourceError(`tree ${tree} was used before it was loaded`);
    return items;
  }

  rootOf(commit: string): string | undefined {
    return this.#roots.get(commit);
  }

  setRoot(commit: string, tree: string): void {
    this.#roots.set(commit, tree);
  }

  /**
   * One recursive REST read of a commit's (or tree's) whole tree: every subtree is filled in when GitHub did not
   * truncate the answer (100,000 entries / 7 MB). A truncated answer only gives the root's oid; callers then load
   * level by level.
   */
  recursive(commitOrTree: string): Promise<Listing> {
    let pending = this.#recursive.get(commitOrTree);
    if (!pending) {
      pending = this.api.rest<RestTree>(TREES, { tree_sha: commitOrTree, recursive: 1 }, `the tree of ${commitOrTree}`).then(({ data }) => {
        this.#roots.set(commitOrTree, data.sha);
        if (!data.truncated) this.#fill(data);
        const bytes = data.tree.reduce((sum, entry) => sum + (entry.type === "blob" ? (entry.size ?? 0) : 0), 0);
        return { root: data.sha, complete: !data.truncated, bytes, entries: data.tree.length };
      });
      pending.catch(() => this.#recursive.delete(commitOrTree));
      this.#recursive.set(commitOrTree, pending);
    }
    return pending;
  }

  /** Whether a recursive read of this commit was made (or is under way). */
  listed(commitOrTree: string): boolean {
    return this.#recursive.has(commitOrTree);
  }

  /**
   * Loads the given trees (one level each) and the root trees of the given commits, skipping what is known: REST
   * (one request per tree, in parallel) while the plan allows, else batched GraphQL queries.
   */
  async load(trees: readonly string[], commits: readonly string[] = []): Promise<void> {
    const wantTrees = [...new Set(trees)].filter((tree) => !this.#trees.has(tree));
    const wantCommits = [...new Set(commits)].filter((commit) => !this.#roots.has(commit) || !this.#trees.has(this.#roots.get(commit) ?? ""));
    const count = wantTrees.length + wantCommits.length;
    if (count === 0) return;
    if (this.plan.rest(count)) {
      await Promise.all([
        ...wantTrees.map(async (tree) => this.#fillLevel(tree, (await this.api.rest<RestTree>(TREES, { tree_sha: tree }, `tree ${tree}`)).data)),
        ...wantCommits.map(async (commit) => {
          const { data } = await this.api.rest<RestTree>(TREES, { tree_sha: commit }, `the tree of commit ${commit}`);
          this.#roots.set(commit, data.sha);
          this.#fillLevel(data.sha, data);
        }),
      ]);
      return;
    }
    const requests = [
      ...wantTrees.map((oid) => ({ oid, selection: `... on Tree { ${ENTRIES} }`, commit: false })),
      ...wantCommits.map((oid) => ({ oid, selection: `... on Commit { tree { oid ${ENTRIES} } }`, commit: true })),
    ];
    await Promise.all(
      batches(requests, this.plan.graphqlBatch).map(async (batch) => {
        type Answer = { entries?: GraphqlEntry[] | null; tree?: { oid: string; entries?: GraphqlEntry[] | null } };
        const answers = await fetchObjects<Answer>(this.api, "FluxWardenTrees", batch, `${batch.length} trees`);
        answers.forEach((answer, i) => {
          const request = batch[i];
          if (!request) return;
          const tree = request.commit ? answer.tree : { oid: request.oid, entries: answer.entries };
          if (!tree?.entries) throw new GitHubSourceError(`GitHub returned no entries for ${request.commit ? "the tree of commit" : "tree"} ${request.oid}: retry`);
          if (request.commit) this.#roots.set(request.oid, tree.oid);
          this.#trees.set(tree.oid, tree.entries.map(fromGraphql));
        });
      }),
    );
  }

  #fillLevel(tree: string, data: RestTree): void {
    if (data.truncated) throw new GitHubSourceError(`tree ${tree} has more entries than GitHub lists in one answer: evaluate the change locally with flux-warden check`);
    this.#trees.set(tree, data.tree.map((entry) => fromRest(entry, entry.path)));
  }

  /** Splits a recursive listing into its trees: a subtree's entries are the ones whose path is directly below it. */
  #fill(data: RestTree): void {
    const byDir = new Map<string, TreeItem[]>([["", []]]);
    const dirOid = new Map<string, string>([["", data.sha]]);
    for (const entry of data.tree) {
      const slash = entry.path.lastIndexOf("/");
      const dir = slash === -1 ? "" : entry.path.slice(0, slash);
      const list = byDir.get(dir) ?? [];
      list.push(fromRest(entry, entry.path.slice(slash + 1)));
      byDir.set(dir, list);
      if (entry.type === "tree") {
        dirOid.set(entry.path, entry.sha);
        if (!byDir.has(entry.path)) byDir.set(entry.path, []);
      }
    }
    for (const [dir, oid] of dirOid) if (!this.#trees.has(oid)) this.#trees.set(oid, byDir.get(dir) ?? []);
  }
}

/** What a recursive read tells: the root tree, whether GitHub listed all of it, and its total blob bytes. */
export interface Listing {
  root: string;
  complete: boolean;
  bytes: number;
  /** Entries in the answer (trees included). */
  entries: number;
}

interface GraphqlEntry {
  name: string;
  type: string;
  mode: number;
  oid: string;
  size?: number | null;
}

function fromRest(entry: RestTree["tree"][number], name: string): TreeItem {
  const type = entry.type === "tree" ? "tree" : entry.type === "commit" ? "commit" : "blob";
  return { name, mode: entry.mode.padStart(6, "0"), type, oid: entry.sha, size: sizeOf(type, entry.size) };
}

/**
 * GraphQL gives the mode as an Int: the octal mode's value (33188 for 100644). A value written with octal digits
 * (100644) is also accepted, in case an API version answers that way.
 */
function fromGraphql(entry: GraphqlEntry): TreeItem {
  const type = entry.type === "tree" ? "tree" : entry.type === "commit" ? "commit" : "blob";
  const mode = type === "tree" ? "040000" : entry.mode >= 100000 ? String(entry.mode) : entry.mode.toString(8).padStart(6, "0");
  return { name: entry.name, mode, type, oid: entry.oid, size: sizeOf(type, entry.size ?? undefined) };
}

function sizeOf(type: TreeItem["type"], size: number | undefined): number {
  if (type === "commit") return -1;
  if (type === "tree") return 0;
  if (typeof size !== "number") throw new GitHubSourceError("GitHub listed a blob without its size: retry");
  return size;
}
