import type { FileStatus } from "../change-set.js";
import type { ListedFile } from "./fetch-range.js";
import { GitHubSourceError } from "./github-source-error.js";
import type { RawEntry, Side } from "./tree-diff.js";

/** A changed path with its status, before contents are attached. */
export interface ChangeEntry {
  path: string;
  previousPath: string | null;
  status: FileStatus;
  base: Side | null;
  head: Side | null;
}

const REGULAR = new Set(["100644", "100755"]);

/**
 * Whether GitHub's file listing is needed to tell renames from additions and deletions. Trees show WHAT changed;
 * which added file is a renamed deleted one is git's judgement (`-M`), and only GitHub's listing repeats it. It is
 * not needed when the trees settle it the way git would: identical blobs moved one-to-one are paired (git pairs exact
 * copies first), and no other added and deleted regular files are within a factor of two in size (git never calls a
 * pair whose larger side is over twice the smaller one 50% similar). For a merge, any path new to the first parent
 * may be a rename from it, so the listing is read.
 */
export function needsListing(entries: readonly RawEntry[], merge: boolean): boolean {
  const added = entries.filter((e) => !e.base && e.head);
  if (merge) return added.length > 0;
  const deleted = entries.filter((e) => e.base && !e.head);
  if (added.length === 0 || deleted.length === 0) return false;
  const { pairs, ambiguous } = exactMoves(added, deleted);
  if (ambiguous) return true;
  const paired = new Set(pairs.flat());
  const from = deleted.filter((e) => !paired.has(e.path) && REGULAR.has(e.base?.mode ?? ""));
  const to = added.filter((e) => !paired.has(e.path) && REGULAR.has(e.head?.mode ?? ""));
  return from.some((d) => to.some((a) => similarSize(d.base?.size ?? 0, a.head?.size ?? 0)));
}

/** git's size gate (diffcore-rename `estimate_similarity`): at 50% minimum, the larger side may be at most twice the smaller. */
function similarSize(a: number, b: number): boolean {
  return Math.max(a, b) <= 2 * Math.min(a, b);
}

/**
 * One-to-one moves of identical blobs, as git's exact rename pass pairs them (regular files with regular files, other
 * kinds only with the same mode). Several candidates for one blob are `ambiguous`: git picks by file name, and the
 * listing is read instead of guessing.
 */
function exactMoves(added: readonly RawEntry[], deleted: readonly RawEntry[]): { pairs: Array<[string, string]>; ambiguous: boolean } {
  const pairs: Array<[string, string]> = [];
  let ambiguous = false;
  const compatible = (a: string, b: string): boolean => (REGULAR.has(a) && REGULAR.has(b)) || (a === b && a === "120000");
  for (const target of added) {
    const head = target.head;
    if (!head) continue;
    const sources = deleted.filter((d) => d.base?.oid === head.oid);
    if (sources.length === 0) continue;
    const rivals = added.filter((a) => a.head?.oid === head.oid);
    const [source] = sources;
    if (sources.length === 1 && rivals.length === 1 && source?.base && compatible(source.base.mode, head.mode)) pairs.push([source.path, target.path]);
    else ambiguous = true;
  }
  return { pairs, ambiguous };
}

/** The entries with statuses, renames paired from GitHub's listing (or the one exact move, when no listing is needed). */
export function pairRenames(entries: readonly RawEntry[], listing: readonly ListedFile[] | null, what: string): ChangeEntry[] {
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  const pairs = listing
    ? listing.filter((file) => file.status === "renamed" && file.previousFilename !== null).map((file) => [file.previousFilename ?? "", file.filename] as const)
    : exactPairs(entries);
  const renamedFrom = new Map<string, string>();
  for (const [from, to] of pairs) {
    const source = byPath.get(from);
    const target = byPath.get(to);
    if (!source?.base || source.head || !target?.head || target.base) {
      throw new GitHubSourceError(`GitHub lists ${from} → ${to} as a rename in ${what}, but the trees do not show that path deleted and added: the branch moved while it was read; retry`);
    }
    renamedFrom.set(to, from);
  }
  const consumed = new Set(renamedFrom.values());
  const out: ChangeEntry[] = [];
  for (const entry of entries) {
    if (consumed.has(entry.path)) continue;
    const from = renamedFrom.get(entry.path);
    if (from) out.push({ path: entry.path, previousPath: from, status: "renamed", base: byPath.get(from)?.base ?? null, head: entry.head });
    else out.push({ path: entry.path, previousPath: null, status: statusOf(entry.base, entry.head), base: entry.base, head: entry.head });
  }
  return out;
}

/**
 * For a merge, GitHub's listing is against the first parent: a path new to it that GitHub calls a rename keeps the
 * first parent's old path and version (`firstParentSide` looks it up); the old path is not listed on its own.
 */
export function pairMergeRenames(entries: readonly ChangeEntry[], listing: readonly ListedFile[], firstParentSide: (path: string) => Side | null): ChangeEntry[] {
  const renames = new Map(listing.filter((f) => f.status === "renamed" && f.previousFilename).map((f) => [f.filename, f.previousFilename ?? ""]));
  const consumed = new Set<string>();
  const out = entries.map((entry) => {
    const from = renames.get(entry.path);
    if (!from || entry.base || !entry.head) return entry;
    const base = firstParentSide(from);
    if (!base) return entry;
    consumed.add(from);
    return { ...entry, previousPath: from, status: "renamed" as const, base };
  });
  return out.filter((entry) => !(consumed.has(entry.path) && entry.status === "deleted"));
}

/** Whether GitHub listed every changed path: its count equals the trees' count minus the pairs it made. */
export function listingIsComplete(entries: readonly RawEntry[], listing: readonly ListedFile[]): boolean {
  const renames = listing.filter((file) => file.status === "renamed" && file.previousFilename !== null).length;
  return listing.length === entries.length - renames;
}

function exactPairs(entries: readonly RawEntry[]): Array<readonly [string, string]> {
  return exactMoves(
    entries.filter((e) => !e.base && e.head),
    entries.filter((e) => e.base && !e.head),
  ).pairs;
}

/** git's letter for a changed path: a change of entry kind (file ↔ symlink ↔ submodule) is a type change. */
export function statusOf(base: Side | null, head: Side | null): FileStatus {
  if (!base) return "added";
  if (!head) return "deleted";
  return kindOfMode(base.mode) === kindOfMode(head.mode) ? "modified" : "type-changed";
}

export function kindOfMode(mode: string): "file" | "symlink" | "submodule" {
  return mode === "120000" ? "symlink" : mode === "160000" ? "submodule" : "file";
}
