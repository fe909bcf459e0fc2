import { DEFAULT_MANIFEST_LIMITS } from "../../manifests/limits.js";
import { splitApiVersion } from "../../manifests/object-key.js";
import type { PatchTarget } from "../../manifests/patch-target.js";
import { parseYamlDocuments } from "../../manifests/parse-yaml-documents.js";
import { isRecord, stringAt } from "../../manifests/read-value.js";
import type { NodePath } from "../../manifests/types.js";
import type { InlinePatch } from "./inline-patches.js";
import type { PatchLineOf } from "./patch-operations.js";
import { setPointer } from "./set-pointer.js";

/** The fields a patch sets, as a partial object, with lines. */
export interface PatchedObject {
  group: string;
  kind: string;
  name: string | null;
  value: Record<string, unknown>;
  /** 1-based line of what sets the node at `path` (relative to the partial object), as the patch's line lookup gives it. */
  lineOf(path: NodePath): number;
}

/**
 * Reads an inline patch as the partial objects it would merge: a strategic-merge patch already is one; a JSON 6902
 * patch is rebuilt from its operations. Lines are relative to the patch text. A patch that does not parse yields
 * nothing (kustomize fails the build on it, so it cannot apply anything either).
 */
export function patchObjects(patch: InlinePatch): PatchedObject[] {
  const { documents } = parseYamlDocuments(patch.text, DEFAULT_MANIFEST_LIMITS);
  return documents.flatMap((doc) => documentPatchObject(doc.value, doc.locate([]).lineOf, patch.target) ?? []);
}

/**
 * The partial object one parsed patch document merges into `target`, wherever it is written (inline text, a patch
 * file): a strategic-merge patch already is one (its own apiVersion, kind and name win over the target's), a JSON 6902
 * operation list is rebuilt from its operations; anything else merges nothing.
 */
export function documentPatchObject(value: unknown, lineOf: PatchLineOf, target: PatchTarget): PatchedObject | null {
  if (Array.isArray(value)) return jsonPatchObject(value, lineOf, target);
  if (!isRecord(value)) return null;
  const apiVersion = stringAt(value, ["apiVersion"]);
  return {
    group: apiVersion ? splitApiVersion(apiVersion).group : target.group ?? "",
    kind: stringAt(value, ["kind"]) ?? target.kind ?? "",
    name: stringAt(value, ["metadata", "name"]) ?? target.name,
    value,
    lineOf,
  };
}

/**
 * The partial object a JSON 6902 operation list builds from its `add`/`replace` operations, wherever the list is
 * written (inline text, a patch file); `lineOf` locates a node of the list. A `copy` or `move` writes a value the
 * patch does not show, so it adds nothing here (guard-weakening.ts judges those).
 */
export function jsonPatchObject(ops: readonly unknown[], lineOf: PatchLineOf, target: PatchTarget): PatchedObject {
  const value: Record<string, unknown> = {};
  const placed: Array<{ path: Array<string | number>; op: number }> = [];
  ops.forEach((op, i) => {
    const pointer = stringAt(op, ["path"]);
    if (!isRecord(op) || (op.op !== "add" && op.op !== "replace") || pointer === null) return;
    // A structured clone: a later operation writing below this one's value must not write into the parsed file.
    const path = setPointer(value, pointer, structuredClone(op.value));
    if (path) placed.push({ path, op: i });
  });
  const lineOfNode = (path: NodePath): number => {
    const inside = placed.filter((p) => p.path.every((part, k) => path[k] === part)).sort((a, b) => b.path.length - a.path.length)[0];
    if (inside) return lineOf([inside.op, "value", ...path.slice(inside.path.length)]);
    const around = placed.find((p) => path.every((part, k) => p.path[k] === part));
    return around ? lineOf([around.op, "path"]) : lineOf([]);
  };
  return { group: target.group ?? "", kind: target.kind ?? "", name: target.name, value, lineOf: lineOfNode };
}
