import type { FileChange, FileVersion } from "../../../src/sources/change-set.js";

/** A blob version holding `text`. */
export function blob(text: string | Uint8Array): FileVersion {
  const content = typeof text === "string" ? new TextEncoder().encode(text) : text;
  return { kind: "file", mode: "100644", oid: "0".repeat(40), size: content.length, content };
}

/**
 * A FileChange from texts: `base` and `head` (null = absent), `previousPath` for a rename. Status follows from them.
 */
export function fileChange(path: string, sides: { base?: string | FileVersion | null; head?: string | FileVersion | null; previousPath?: string }): FileChange {
  const version = (side: string | FileVersion | null | undefined) => (side === undefined || side === null ? null : typeof side === "string" ? blob(side) : side);
  const base = version(sides.base);
  const head = version(sides.head);
  const previousPath = sides.previousPath ?? null;
  const status = previousPath ? "renamed" : !base ? "added" : !head ? "deleted" : "modified";
  return { path, previousPath, status, base, head };
}
