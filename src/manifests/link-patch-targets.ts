import { isKustomizeConfigObject } from "./is-kustomize-config-file.js";
import { patchFileOf, withTargets, type LinkedPatchTarget } from "./json6902-patch-file.js";
import { patchFileReferences } from "./patch-file-references.js";
import type { ManifestObject } from "./types.js";

/**
 * Gives each patch file among `objects` (one side of the change) the targets that the kustomizations on the same side
 * apply it with (`patches[].path`, `patchesJson6902[].path`). Rules see one object at a time, so this is where a patch
 * file learns what it patches: a kustomization outside the change is not read (the engine is pure), and a patch file
 * no changed kustomization references keeps an empty target list, which the rules read as "any object".
 */
export function linkPatchTargets(objects: ManifestObject[]): ManifestObject[] {
  const byPath = new Map<string, LinkedPatchTarget[]>();
  for (const kustomization of objects) {
    if (!isKustomizeConfigObject(kustomization)) continue;
    for (const reference of patchFileReferences(kustomization)) {
      // Only the fields with a `target` say what an operation list patches; a `patchesStrategicMerge` entry has none.
      if (reference.field === "patchesStrategicMerge") continue;
      const target: LinkedPatchTarget = { ...reference.target, kustomization: kustomization.path };
      const list = byPath.get(reference.path);
      if (list) list.push(target);
      else byPath.set(reference.path, [target]);
    }
  }
  if (byPath.size === 0) return objects;
  return objects.map((object) => {
    const targets = byPath.get(object.path);
    return targets && patchFileOf(object) ? withTargets(object, targets) : object;
  });
}
