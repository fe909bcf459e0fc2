import type { ReadOptions, TreeEntry, TreeReader } from "../change-set.js";
import type { GitContext } from "./git-context.js";
import { GitSourceError } from "./git-source-error.js";
import { kindOfMode } from "./kind-of-mode.js";
import type { ObjectReader } from "./object-reader.js";
import { streamGit } from "./run-git.js";

/**
 * A commit's tree, read from a local repository. The recursive listing (`ls-tree -r -l -z`) is made once and cached;
 * `read` looks paths up in it and fetches blobs by object id through the shared `cat-file --batch` process — never by
 * `rev:path` name, which the batch protocol cannot carry for paths containing a newline.
 */
export class GitTreeReader implements TreeReader {
  #listing: Promise<Map<string, TreeEntry>> | null = null;

  constructor(
    private readonly ctx: GitContext,
    private readonly objects: ObjectReader,
    readonly commit: string,
    private readonly maxFileBytes: number,
  ) {}

  async list(): Promise<TreeEntry[]> {
    return [...(await this.#entries()).values()];
  }

  /** The file's bytes (a symlink's target), null when absent; throws for a submodule or a file over the size limit. */
  async read(path: string, options: ReadOptions = {}): Promise<Uint8Array | null> {
    const maxBytes = options.maxBytes ?? this.maxFileBytes;
    const entry = (await this.#entries()).get(path);
    if (!entry) return null;
    if (entry.kind === "submodule") {
      throw new GitSourceError(`${path} at ${this.commit} is a submodule (commit ${entry.oid}), not a file: it has no content here`);
    }
    if (entry.size > maxBytes) {
      throw new GitSourceError(
        `${path} at ${this.commit} is ${entry.size} bytes, over the ${maxBytes}-byte limit: it is not read ` +
          "(make the file smaller, or raise maxFileBytes)",
      );
    }
    const reply = await this.objects.read(entry.oid);
    if (!reply?.content) {
      throw new GitSourceError(`${path} at ${this.commit} (blob ${entry.oid}) is missing: the clone is partial; fetch it (git fetch --refetch)`);
    }
    return new Uint8Array(reply.content.buffer, reply.content.byteOffset, reply.content.length);
  }

  /** Reads all at once (pipelined through one process); absent paths are left out, oversized ones throw like `read`. */
  async readMany(paths: string[], options: ReadOptions = {}): Promise<Map<string, Uint8Array>> {
    const read = await Promise.all(paths.map(async (path) => [path, await this.read(path, options)] as const));
    const found = new Map<string, Uint8Array>();
    for (const [path, bytes] of read) if (bytes) found.set(path, bytes);
    return found;
  }

  #entries(): Promise<Map<string, TreeEntry>> {
    if (!this.#listing) {
      const listing = listTree(this.ctx, this.commit);
      // A failed listing is not cached: the next call retries (e.g. after the caller fetched the commit).
      listing.catch(() => {
        if (this.#listing === listing) this.#listing = null;
      });
      this.#listing = listing;
    }
    return this.#listing;
  }
}

/** `<mode> SP <type> SP <oid> SP+ <size|->` TAB `<path>`, NUL-terminated. `--full-tree`: independent of the cwd. */
async function listTree(ctx: GitContext, commit: string): Promise<Map<string, TreeEntry>> {
  const entries = new Map<string, TreeEntry>();
  await streamGit(ctx, ["ls-tree", "-r", "-l", "-z", "--full-tree", commit], {
    separator: 0,
    onRecord: (record) => {
      const tab = record.indexOf(0x09);
      const [mode = "", , oid = "", size = ""] = record.toString("latin1", 0, tab).split(/ +/);
      if (tab === -1 || !oid) throw new GitSourceError(`unexpected git ls-tree line: ${record.toString("utf8")}`);
      const path = record.toString("utf8", tab + 1);
      entries.set(path, { path, kind: kindOfMode(mode), oid, size: size === "-" ? -1 : Number(size) });
    },
  });
  return entries;
}
