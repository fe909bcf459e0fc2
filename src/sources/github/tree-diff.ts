import type { TreeItem, TreeStore } from "./tree-store.js";

/** One side of a changed path: what a tree entry says about it. */
export interface Side {
  mode: string;
  oid: string;
  size: number;
}

/** A changed path before rename pairing: `base` is the first parent's side (null when absent), `head` the result's. */
export interface RawEntry {
  path: string;
  base: Side | null;
  head: Side | null;
}

/** A tree compared with its parents' trees (one parent: an ordinary diff; several: a merge; none: a root commit). */
export interface DiffJob {
  key: string;
  result: string;
  parents: string[];
}

interface Pending {
  key: string;
  dir: string;
  result: string | null;
  parents: Array<string | null>;
}

/**
 * Diffs many trees against their parents' trees at once, level by level, the way `git diff-tree -r` (and, for a
 * merge, `-c`) sees them: a path is listed when its entry in the result differs from its entry in EVERY parent.
 * Only subtrees whose oid differs from every parent's are descended into, so a commit that changes one file costs one
 * tree per level, and each level of every job is loaded in one batch (one GraphQL request, or nothing when recursive
 * REST reads already filled the store). Results are in git's path order (byte order of the UTF-8 path).
 */
export async function diffTrees(store: TreeStore, jobs: readonly DiffJob[]): Promise<Map<string, RawEntry[]>> {
  const out = new Map<string, RawEntry[]>(jobs.map((job) => [job.key, []]));
  let pending: Pending[] = jobs.map((job) => ({ key: job.key, dir: "", result: job.result, parents: job.parents }));
  while (pending.length > 0) {
    const needed = pending.flatMap((p) => [p.result, ...p.parents]).filter((oid): oid is string => oid !== null);
    await store.load(needed);
    const next: Pending[] = [];
    for (const item of pending) compareLevel(store, item, out.get(item.key) ?? [], next);
    pending = next;
  }
  for (const entries of out.values()) entries.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  return out;
}

function compareLevel(store: TreeStore, item: Pending, entries: RawEntry[], next: Pending[]): void {
  const result = byName(store, item.result);
  const parents = item.parents.map((tree) => byName(store, tree));
  const names = new Set([...result.keys(), ...parents.flatMap((parent) => [...parent.keys()])]);
  for (const name of names) {
    const path = item.dir ? `${item.dir}/${name}` : name;
    const here = result.get(name);
    const there = parents.map((parent) => parent.get(name));
    // The path as a file (blob, symlink or submodule): listed when it differs from every parent.
    const head = here && here.type !== "tree" ? side(here) : null;
    const bases = there.map((entry) => (entry && entry.type !== "tree" ? side(entry) : null));
    const listed = parents.length === 0 ? head !== null : (head !== null || bases.some(Boolean)) && bases.every((base) => !same(base, head));
    if (listed) entries.push({ path, base: bases[0] ?? null, head });
    // The path as a directory: descended into unless one parent has exactly the result's subtree (or both lack one).
    const tree = here?.type === "tree" ? here.oid : null;
    const trees = there.map((entry) => (entry?.type === "tree" ? entry.oid : null));
    const descend = parents.length === 0 ? tree !== null : (tree !== null || trees.some(Boolean)) && trees.every((t) => t !== tree);
    if (descend) next.push({ key: item.key, dir: path, result: tree, parents: trees });
  }
}

function byName(store: TreeStore, tree: string | null): Map<string, TreeItem> {
  return new Map(tree ? store.entries(tree).map((entry) => [entry.name, entry]) : []);
}

function side(entry: TreeItem): Side {
  return { mode: entry.mode, oid: entry.oid, size: entry.size };
}

function same(a: Side | null, b: Side | null): boolean {
  return a === b || (a !== null && b !== null && a.mode === b.mode && a.oid === b.oid);
}
