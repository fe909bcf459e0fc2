import type { ReadOptions, TreeEntry, TreeReader } from "../change-set.js";
import { preferArchives } from "./archive-choice.js";
import type { BlobRequest, BlobStore } from "./blob-store.js";
import { GitHubSourceError } from "./github-source-error.js";
import { kindOfMode } from "./pair-renames.js";
import type { Plan } from "./plan.js";
import type { TreeStore } from "./tree-store.js";

/**
 * A commit's tree through the API: ONE recursive `git/trees` read lists it (when GitHub truncates a huge tree, the
 * tree is walked level by level instead, batched); contents are read by blob oid, `readMany` in one batch (REST for a
 * few files, GraphQL for many, or the commit's tarball when that is fewer requests: a repository-wide scan then costs
 * one request), and shared with the change set's reads.
 */
export class GitHubTreeReader implements TreeReader {
  #listing: Promise<Map<string, TreeEntry>> | null = null;

  constructor(
    /** The commit as given (pass a full sha, e.g. `changeSet.base`: no request is spent resolving it). */
    readonly commit: string,
    private readonly store: TreeStore,
    private readonly blobs: BlobStore,
    private readonly plan: Plan,
    private readonly maxFileBytes: number,
  ) {}

  async list(): Promise<TreeEntry[]> {
    return [...(await this.#entries()).values()];
  }

  /** The file's bytes (a symlink's target), null when absent; throws for a submodule or a file over the size limit. */
  async read(path: string, options: ReadOptions = {}): Promise<Uint8Array | null> {
    const [request] = await this.#requests([path], options.maxBytes ?? this.maxFileBytes);
    if (!request) return null;
    await this.blobs.load([request]);
    return this.blobs.get(request.oid);
  }

  /** Every path at once (one batch); absent paths are left out, oversized ones and submodules throw like `read`. */
  async readMany(paths: string[], options: ReadOptions = {}): Promise<Map<string, Uint8Array>> {
    const requests = await this.#requests(paths, options.maxBytes ?? this.maxFileBytes);
    await preferArchives(this.store, this.blobs, this.plan, [{ commit: this.commit, requests }]);
    await this.blobs.load(requests);
    const found = new Map<string, Uint8Array>();
    for (const request of requests) found.set(request.path, await this.blobs.get(request.oid));
    return found;
  }

  async #requests(paths: readonly string[], maxBytes: number): Promise<BlobRequest[]> {
    const entries = await this.#entries();
    const out: BlobRequest[] = [];
    for (const path of paths) {
      const entry = entries.get(path);
      if (!entry) continue;
      if (entry.kind === "submodule") {
        throw new GitHubSourceError(`${path} at ${this.commit} is a submodule (commit ${entry.oid}), not a file: it has no content here`);
      }
      if (entry.size > maxBytes) {
        throw new GitHubSourceError(`${path} at ${this.commit} is ${entry.size} bytes, over the ${maxBytes}-byte limit: it is not read (make the file smaller, or raise maxFileBytes)`);
      }
      out.push({ oid: entry.oid, size: entry.size, path });
    }
    return out;
  }

  #entries(): Promise<Map<string, TreeEntry>> {
    if (!this.#listing) {
      const listing = this.#walk();
      listing.catch(() => {
        if (this.#listing === listing) this.#listing = null;
      });
      this.#listing = listing;
    }
    return this.#listing;
  }

  /** Blobs and submodules below the root, in git's order; subtrees a truncated recursive read missed load level by level. */
  async #walk(): Promise<Map<string, TreeEntry>> {
    const { root } = await this.store.recursive(this.commit);
    const entries: TreeEntry[] = [];
    let level = [{ dir: "", tree: root }];
    while (level.length > 0) {
      await this.store.load(level.map((item) => item.tree));
      const next: typeof level = [];
      for (const { dir, tree } of level) {
        for (const item of this.store.entries(tree)) {
          const path = dir ? `${dir}/${item.name}` : item.name;
          if (item.type === "tree") next.push({ dir: path, tree: item.oid });
          else entries.push({ path, kind: kindOfMode(item.mode), oid: item.oid, size: item.size });
        }
      }
      level = next;
    }
    entries.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
    return new Map(entries.map((entry) => [entry.path, entry]));
  }
}
