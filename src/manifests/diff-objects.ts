import type { ManifestObject, ObjectChange } from "./types.js";

/**
 * Matches base and head objects across the whole change set by identity (group, kind, namespace, name), so that a
 * file rename or an object moved to another file is still the same object.
 *
 * One identity can occur several times (the same Deployment in `clusters/staging/` and `clusters/prod/`). Those are
 * paired first within the same file (following renames), then by the closest directory, so staging's base is never
 * compared with prod's head. `renames` maps a head path to its base path.
 */
export function diffObjects(base: ManifestObject[], head: ManifestObject[], renames: ReadonlyMap<string, string> = new Map()): ObjectChange[] {
  const baseByKey = groupByKey(base);
  const changes: ObjectChange[] = [];
  for (const [key, heads] of groupByKey(head)) {
    const bases = baseByKey.get(key) ?? [];
    baseByKey.delete(key);
    // Same file first (following renames), in document order: a map per path keeps this linear.
    const byPath = new Map<string, ManifestObject[]>();
    for (const b of bases) {
      const list = byPath.get(b.path);
      if (list) list.push(b);
      else byPath.set(b.path, [b]);
    }
    const unpaired: ManifestObject[] = [];
    for (const h of heads) {
      const match = byPath.get(renames.get(h.path) ?? h.path)?.shift();
      if (match) changes.push({ key, base: match, head: h });
      else unpaired.push(h);
    }
    const rest = [...byPath.values()].flat();
    // Closest directory next; past a bound (a file of thousands of copies of one object) plain order is good enough.
    const search = unpaired.length * rest.length <= 100_000;
    for (const h of unpaired) {
      const i = search ? closest(rest, h.path) : rest.length > 0 ? 0 : -1;
      changes.push({ key, base: i === -1 ? null : rest.splice(i, 1)[0]!, head: h });
    }
    for (const b of rest) changes.push({ key, base: b, head: null });
  }
  for (const [key, bases] of baseByKey) for (const b of bases) changes.push({ key, base: b, head: null });
  return changes.sort(compareChanges);
}

function groupByKey(objects: ManifestObject[]): Map<string, ManifestObject[]> {
  const groups = new Map<string, ManifestObject[]>();
  for (const object of objects) {
    const group = groups.get(object.key);
    if (group) group.push(object);
    else groups.set(object.key, [object]);
  }
  return groups;
}

/** Index of the candidate whose path shares the most leading directories with `path` (first on ties), or -1. */
function closest(candidates: ManifestObject[], path: string): number {
  const dirs = path.split("/");
  let best = -1;
  let bestScore = -1;
  candidates.forEach((c, i) => {
    const other = c.path.split("/");
    let score = 0;
    while (score < dirs.length && dirs[score] === other[score]) score++;
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  return best;
}

function compareChanges(a: ObjectChange, b: ObjectChange): number {
  const x = (a.head ?? a.base)!;
  const y = (b.head ?? b.base)!;
  return x.path < y.path ? -1 : x.path > y.path ? 1 : x.docIndex - y.docIndex || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
