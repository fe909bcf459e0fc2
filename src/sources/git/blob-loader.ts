import type { FileChange, FileVersion } from "../change-set.js";
import { GitSourceError } from "./git-source-error.js";
import { kindOfMode } from "./kind-of-mode.js";
import type { ObjectInfo, ObjectReader } from "./object-reader.js";
import type { RawChange, RawSide } from "./raw-diff-parser.js";

/** How far into a blob to look for a NUL byte: git's own binary heuristic. */
const BINARY_SNIFF_BYTES = 8 * 1024;

/**
 * Turns raw diff entries into FileChanges: sizes from `--batch-check` first, so a blob over the limit is flagged
 * `tooLarge` and never read; contents through the shared `--batch` process. Every lookup is started at once (the
 * cat-file processes pipeline them) and each object is looked up once per loader, however many commits touch it.
 */
export class BlobLoader {
  readonly #info = new Map<string, Promise<ObjectInfo>>();
  readonly #content = new Map<string, Promise<Uint8Array>>();

  constructor(
    private readonly objects: ObjectReader,
    private readonly maxFileBytes: number,
  ) {}

  /** FileChanges for raw entries; `withContent: false` still loads symlink targets (ownership follows them). */
  changes(raw: readonly RawChange[], withContent: boolean): Promise<FileChange[]> {
    return Promise.all(
      raw.map(async (change) => {
        const [base, head] = await Promise.all([
          change.base && this.version(change.base, withContent, change.previousPath ?? change.path),
          change.head && this.version(change.head, withContent, change.path),
        ]);
        return { path: change.path, previousPath: change.previousPath, status: change.status, base, head };
      }),
    );
  }

  /** One side of a change; `path` only names the file in errors. Content stays null above the size limit. */
  async version(side: RawSide, withContent: boolean, path: string): Promise<FileVersion> {
    const kind = kindOfMode(side.mode);
    if (kind === "submodule") return { kind, mode: side.mode, oid: side.oid, size: -1, content: null };
    const { size } = await this.#lookup(this.#info, side.oid, () => this.objects.info(side.oid), path);
    const version: FileVersion = { kind, mode: side.mode, oid: side.oid, size, content: null };
    if (size > this.maxFileBytes) return { ...version, tooLarge: true };
    if (!withContent && kind !== "symlink") return version;
    const content = await this.#lookup(this.#content, side.oid, () => this.#read(side.oid), path);
    const binary = kind === "file" && content.subarray(0, BINARY_SNIFF_BYTES).includes(0);
    return binary ? { ...version, content, binary } : { ...version, content };
  }

  async #read(oid: string): Promise<Uint8Array | null> {
    const reply = await this.objects.read(oid);
    return reply?.content ? new Uint8Array(reply.content.buffer, reply.content.byteOffset, reply.content.length) : null;
  }

  #lookup<T>(cache: Map<string, Promise<T>>, oid: string, load: () => Promise<T | null>, path: string): Promise<T> {
    let found = cache.get(oid);
    if (!found) {
      found = load().then((value) => {
        if (value === null) throw missingObject(oid, path);
        return value;
      });
      cache.set(oid, found);
    }
    return found;
  }
}

function missingObject(oid: string, path: string): GitSourceError {
  return new GitSourceError(
    `object ${oid} (${path}) is not in the repository: the clone is partial or shallow; fetch the full history ` +
      "(git fetch --unshallow, or clone without --filter)",
  );
}
