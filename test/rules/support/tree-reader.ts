import type { TreeEntry, TreeReader } from "../../../src/sources/change-set.js";

/** An in-memory base tree of `files` (path → text), recording the paths each `readMany` call reads. */
export function treeOf(files: Record<string, string>, commit = "b".repeat(40)): TreeReader & { reads: string[] } {
  const reads: string[] = [];
  const bytes = (text: string) => new TextEncoder().encode(text);
  return {
    commit,
    reads,
    list: async () => Object.entries(files).map(([path, text]): TreeEntry => ({ path, kind: "file", oid: "0".repeat(40), size: bytes(text).length })),
    read: async (path) => (path in files ? bytes(files[path]!) : null),
    readMany: async (paths) => {
      reads.push(...paths);
      return new Map(paths.filter((p) => p in files).map((p) => [p, bytes(files[p]!)]));
    },
  };
}
