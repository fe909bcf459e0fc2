import { ANY_TARGET, readPatchTarget, type PatchTarget } from "../../manifests/patch-target.js";
import { arrayAt, isRecord, stringAt } from "../../manifests/read-value.js";
import type { ManifestObject, NodePath } from "../../manifests/types.js";
import { isFluxKustomization } from "../flux/flux-objects.js";
import { isKustomizeConfig } from "./is-kustomize-config.js";

export type { PatchTarget } from "../../manifests/patch-target.js";

/** A patch written inside the kustomization (a string), as opposed to a patch file. */
export interface InlinePatch {
  /** The string node holding the patch. */
  at: NodePath;
  text: string;
  target: PatchTarget;
}

/**
 * The inline patches of a kustomization: `patches[].patch`, `patchesJson6902[].patch` and the inline entries of
 * `patchesStrategicMerge` (kustomize treats an entry that is YAML rather than a file name as the patch itself); and
 * a Flux Kustomization's `spec.patches[].patch`, which kustomize-controller applies to everything it builds.
 */
export function inlinePatches(object: ManifestObject): InlinePatch[] {
  if (isFluxKustomization(object)) return textPatches(object, ["spec", "patches"]);
  if (!isKustomizeConfig(object)) return [];
  const found = [...textPatches(object, ["patches"]), ...textPatches(object, ["patchesJson6902"])];
  arrayAt(object.value, ["patchesStrategicMerge"]).forEach((entry, i) => {
    if (typeof entry === "string" && (entry.includes("\n") || entry.trim().startsWith("{"))) {
      found.push({ at: ["patchesStrategicMerge", i], text: entry, target: ANY_TARGET });
    }
  });
  return found;
}

/** The `{patch: "<text>", target}` entries of the list at `field`. */
function textPatches(object: ManifestObject, field: NodePath): InlinePatch[] {
  return arrayAt(object.value, field).flatMap((entry, i) => {
    const text = stringAt(entry, ["patch"]);
    return text === null ? [] : [{ at: [...field, i, "patch"], text, target: readPatchTarget(isRecord(entry) ? entry.target : null) }];
  });
}
