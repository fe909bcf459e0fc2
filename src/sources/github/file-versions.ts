import type { FileChange, FileVersion } from "../change-set.js";
import type { BlobRequest, BlobStore } from "./blob-store.js";
import { kindOfMode, type ChangeEntry } from "./pair-renames.js";
import type { Side } from "./tree-diff.js";

/** How far into a blob to look for a NUL byte: git's own binary heuristic (as the local source). */
const BINARY_SNIFF_BYTES = 8 * 1024;

/**
 * The blobs a set of changes needs read: every side when `withContent`, else only symlink targets (ownership follows
 * them); never a submodule (its commit is in another repository) or a file over the size limit.
 */
export function blobsNeeded(changes: readonly ChangeEntry[], withContent: boolean, maxFileBytes: number): BlobRequest[] {
  const out: BlobRequest[] = [];
  for (const change of changes) {
    const sides: Array<[Side | null, string]> = [
      [change.base, change.previousPath ?? change.path],
      [change.head, change.path],
    ];
    for (const [side, path] of sides) {
      if (!side) continue;
      const kind = kindOfMode(side.mode);
      if (kind === "submodule" || side.size > maxFileBytes) continue;
      if (withContent || kind === "symlink") out.push({ oid: side.oid, size: side.size, path });
    }
  }
  return out;
}

/** FileChanges with their versions, the blobs already loaded into `blobs` (see `blobsNeeded`). */
export function toFileChanges(changes: readonly ChangeEntry[], blobs: BlobStore, withContent: boolean, maxFileBytes: number): Promise<FileChange[]> {
  return Promise.all(
    changes.map(async (change) => {
      const [base, head] = await Promise.all([
        change.base && version(change.base, blobs, withContent, maxFileBytes),
        change.head && version(change.head, blobs, withContent, maxFileBytes),
      ]);
      return { path: change.path, previousPath: change.previousPath, status: change.status, base, head };
    }),
  );
}

/** One side as the local source describes it: same fields, same flags, same rules for what is read. */
async function version(side: Side, blobs: BlobStore, withContent: boolean, maxFileBytes: number): Promise<FileVersion> {
  const kind = kindOfMode(side.mode);
  if (kind === "submodule") return { kind, mode: side.mode, oid: side.oid, size: -1, content: null };
  const base: FileVersion = { kind, mode: side.mode, oid: side.oid, size: side.size, content: null };
  if (side.size > maxFileBytes) return { ...base, tooLarge: true };
  if (!withContent && kind !== "symlink") return base;
  const content = await blobs.get(side.oid);
  const binary = kind === "file" && content.subarray(0, BINARY_SNIFF_BYTES).includes(0);
  return binary ? { ...base, content, binary } : { ...base, content };
}
