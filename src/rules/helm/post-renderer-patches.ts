import { arrayAt, isRecord, stringAt } from "../../manifests/read-value.js";
import type { ManifestObject, NodePath } from "../../manifests/types.js";
import type { PatchTarget } from "../kustomize/inline-patches.js";
import { jsonPatchObject, patchObjects, type PatchedObject } from "../kustomize/patch-objects.js";
import { isHelmRelease } from "./helm-objects.js";

/** What a post-renderer patch sets, as a partial object; `lineOf` gives lines in the HelmRelease's file. */
export type RenderedPatch = PatchedObject;

/** One kustomize patch of a HelmRelease post-renderer. */
export interface PostRendererPatch {
  /** The patch entry. */
  at: NodePath;
  /** Identifies the patch by content (target and body), so reformatting the HelmRelease does not make it new. */
  key: string;
  target: PatchTarget;
  /** The partial objects the patch merges into the rendered chart. */
  partials(): RenderedPatch[];
}

/**
 * The kustomize patches of a HelmRelease's `spec.postRenderers`: `patches` (strategic-merge or JSON 6902 text, as in
 * a kustomization) and v2beta1's `patchesStrategicMerge` (objects) and `patchesJson6902` (operation lists).
 */
export function postRendererPatches(object: ManifestObject): PostRendererPatch[] {
  if (!isHelmRelease(object)) return [];
  const found: PostRendererPatch[] = [];
  arrayAt(object.value, ["spec", "postRenderers"]).forEach((_, r) => {
    const base: NodePath = ["spec", "postRenderers", r, "kustomize"];
    arrayAt(object.value, [...base, "patches"]).forEach((entry, i) => {
      const text = stringAt(entry, ["patch"]);
      if (text === null) return;
      const at = [...base, "patches", i];
      const target = readTarget(entry);
      found.push({ at, target, key: `patch:${JSON.stringify(target)}:${text.trim()}`, partials: () => textPartials(object, [...at, "patch"], text, target) });
    });
    arrayAt(object.value, [...base, "patchesStrategicMerge"]).forEach((entry, i) => {
      if (!isRecord(entry)) return;
      const at = [...base, "patchesStrategicMerge", i];
      const target = { group: null, kind: stringAt(entry, ["kind"]), name: stringAt(entry, ["metadata", "name"]) };
      const apiVersion = stringAt(entry, ["apiVersion"]) ?? "";
      const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.lastIndexOf("/")) : "";
      const partial: RenderedPatch = { group, kind: target.kind ?? "", name: target.name, value: entry, lineOf: (path) => object.lineOf([...at, ...path]) };
      found.push({ at, target, key: `strategic-merge:${JSON.stringify(entry)}`, partials: () => [partial] });
    });
    arrayAt(object.value, [...base, "patchesJson6902"]).forEach((entry, i) => {
      const at = [...base, "patchesJson6902", i];
      const target = readTarget(entry);
      const ops = arrayAt(entry, ["patch"]);
      found.push({ at, target, key: `json6902:${JSON.stringify(target)}:${JSON.stringify(ops)}`, partials: () => [opsPartial(object, [...at, "patch"], ops, target)] });
    });
  });
  return found;
}

function readTarget(entry: unknown): PatchTarget {
  return { group: stringAt(entry, ["target", "group"]), kind: stringAt(entry, ["target", "kind"]), name: stringAt(entry, ["target", "name"]) };
}

/** A patch written as text: parsed as kustomize would, lines counted from the string's first content line. */
function textPartials(object: ManifestObject, at: NodePath, text: string, target: PatchTarget): RenderedPatch[] {
  const location = object.valueLocation(at);
  return patchObjects({ at, text, target }).map((partial) => ({
    ...partial,
    // A block scalar's content lines follow its indicator line one to one; any other string sits on one line.
    lineOf: (path: NodePath) => (location?.blockScalar ? location.line + partial.lineOf(path) : (location?.line ?? object.lineOf(at))),
  }));
}

/** A JSON 6902 operation list written as YAML: the partial object its `add`/`replace` operations build. */
function opsPartial(object: ManifestObject, at: NodePath, ops: unknown[], target: PatchTarget): RenderedPatch {
  return jsonPatchObject(ops, (path) => object.lineOf([...at, ...path]), target);
}
