import { patchFileOf, type LinkedPatchTarget } from "../../manifests/json6902-patch-file.js";
import { ANY_TARGET, type PatchTarget } from "../../manifests/patch-target.js";
import type { ManifestObject, NodePath } from "../../manifests/types.js";
import { inlinePatches, type InlinePatch } from "./inline-patches.js";
import { jsonPatchObject, patchObjects, type PatchedObject } from "./patch-objects.js";
import { jsonPatchEdit, patchEdits, type PatchEdit } from "./patch-operations.js";

/**
 * A patch the kustomize patch rules judge, wherever it is written: an inline patch of a kustomization, or a JSON 6902
 * patch file (its synthetic object) under one of its targets. Lines are already lines of the object's file, so the
 * rules read every patch through this one path: operations → risks.
 */
export interface PatchSource {
  /** The node findings are attached to (their explicit line is more precise). */
  at: NodePath;
  /** How a message names the patch applied to `target`: "an inline patch for Deployment api". */
  describe(target: PatchTarget): string;
  /** Its removals and assignments, per document. */
  edits(): PatchEdit[];
  /** The partial objects it merges. */
  partials(): PatchedObject[];
}

/** The patches an object carries: a kustomization's inline patches, or a patch file applied to each of its targets. */
export function patchSources(object: ManifestObject): PatchSource[] {
  return [...inlinePatches(object).map((patch) => inlineSource(object, patch)), ...fileSources(object)];
}

/** `Deployment api`, `any kind (any name)`: a target as messages (and hit keys) name it. */
export function targetText(target: PatchTarget): string {
  return `${target.kind ?? "any kind"} ${target.name ?? "(any name)"}`;
}

function inlineSource(object: ManifestObject, patch: InlinePatch): PatchSource {
  const location = object.valueLocation(patch.at);
  // A block scalar's content lines follow its indicator line one to one; any other string sits on one line.
  const line = (inner: number) => (location?.blockScalar ? location.line + inner : (location?.line ?? object.lineOf(patch.at)));
  return {
    at: patch.at,
    describe: (target) => `an inline patch for ${targetText(target)}`,
    edits: () => patchEdits(patch).map((edit) => ({ ...edit, line: line(edit.line), operations: edit.operations.map((op) => ({ ...op, line: line(op.line) })) })),
    partials: () => patchObjects(patch).map((partial) => ({ ...partial, lineOf: (path: NodePath) => line(partial.lineOf(path)) })),
  };
}

/**
 * A patch file, once per target a kustomization in the change applies it with. With none, the target is unknown
 * (the kustomization is unchanged, or the file is applied from elsewhere): it is judged as applying to anything,
 * and the message says why, since the reader sees no target next to the operations.
 */
function fileSources(object: ManifestObject): PatchSource[] {
  const file = patchFileOf(object);
  if (!file) return [];
  const lineOf = (path: NodePath) => object.lineOf(["operations", ...path]);
  const targets: Array<LinkedPatchTarget | null> = file.targets.length > 0 ? file.targets : [null];
  return targets.map((linked) => {
    const target = linked ?? ANY_TARGET;
    return {
      at: ["operations"],
      describe: (t) =>
        linked
          ? `this patch file (applied to ${targetText(t)} by ${linked.kustomization})`
          : "this patch file (its target is unknown: no kustomization in this change applies it, so it is checked against every kind)",
      edits: () => [jsonPatchEdit(file.operations, lineOf, target)],
      partials: () => [jsonPatchObject(file.operations, lineOf, target)],
    };
  });
}
