import { isKustomizeConfigObject } from "./is-kustomize-config-file.js";
import { patchFileOf, withTargets, type LinkedPatchTarget } from "./json6902-patch-file.js";
import { readPatchTarget } from "./patch-target.js";
import { arrayAt, isRecord, stringAt } from "./read-value.js";
import { dirOf, resolveRepoPath } from "./repo-paths.js";
import type { ManifestObject } from "./types.js";

/** The kustomization fields whose entries may name a patch file by `path`, next to the `target` it applies to. */
const PATCH_FIELDS = ["patches", "patchesJson6902"];

/**
 * Gives each patch file among `objects` (one side of the change) the targets that the kustomizations on the same side
 * apply it with. Rules see one object at a time, so this is where a patch file learns what it patches: a kustomization
 * outside the change is not read (the engine is pure), and a patch file no changed kustomization references keeps an
 * empty target list, which the rules read as "any object".
 */
export function linkPatchTargets(objects: ManifestObject[]): ManifestObject[] {
  const byPath = new Map<string, LinkedPatchTarget[]>();
  for (const kustomization of objects) {
    if (!isKustomizeConfigObject(kustomization)) continue;
    for (const field of PATCH_FIELDS) {
      for (const entry of arrayAt(kustomization.value, [field])) {
        const file = stringAt(entry, ["path"]);
        // Paths are relative to the kustomization's directory; one that leaves the repository names no file here.
        const resolved = file === null ? null : resolveRepoPath(dirOf(kustomization.path), file.trim());
        if (resolved === null) continue;
        const target: LinkedPatchTarget = { ...readPatchTarget(isRecord(entry) ? entry.target : null), kustomization: kustomization.path };
        const list = byPath.get(resolved);
        if (list) list.push(target);
        else byPath.set(resolved, [target]);
      }
    }
  }
  if (byPath.size === 0) return objects;
  return objects.map((object) => {
    const targets = byPath.get(object.path);
    return targets && patchFileOf(object) ? withTargets(object, targets) : object;
  });
}
