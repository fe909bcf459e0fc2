import { DEFAULT_MANIFEST_LIMITS } from "../../manifests/limits.js";
import { splitApiVersion } from "../../manifests/object-key.js";
import { parseYamlDocuments } from "../../manifests/parse-yaml-documents.js";
import { isRecord, stringAt } from "../../manifests/read-value.js";
import type { NodePath } from "../../manifests/types.js";
import type { InlinePatch } from "./inline-patches.js";
import { setPointer } from "./set-pointer.js";

/** The fields a patch sets, as a partial object, with lines inside the patch text. */
export interface PatchedObject {
  group: string;
  kind: string;
  name: string | null;
  value: Record<string, unknown>;
  /** 1-based line, within the patch text, of what sets the node at `path` (relative to the partial object). */
  lineOf(path: NodePath): number;
}

/**
 * Reads an inline patch as the partial objects it would merge: a strategic-merge patch already is one; a JSON 6902
 * patch is rebuilt from its `add`/`replace` operations. A patch that does not parse yields nothing (kustomize fails
 * the build on it, so it cannot apply anything either).
 */
export function patchObjects(patch: InlinePatch): PatchedObject[] {
  const { documents } = parseYamlDocuments(patch.text, DEFAULT_MANIFEST_LIMITS);
  return documents.flatMap((doc): PatchedObject[] => {
    const locator = doc.locate([]);
    if (isRecord(doc.value)) {
      const apiVersion = stringAt(doc.value, ["apiVersion"]);
      return [{
        group: apiVersion ? splitApiVersion(apiVersion).group : patch.target.group ?? "",
        kind: stringAt(doc.value, ["kind"]) ?? patch.target.kind ?? "",
        name: stringAt(doc.value, ["metadata", "name"]) ?? patch.target.name,
        value: doc.value,
        lineOf: locator.lineOf,
      }];
    }
    if (!Array.isArray(doc.value)) return [];
    const value: Record<string, unknown> = {};
    const placed: Array<{ path: Array<string | number>; op: number }> = [];
    doc.value.forEach((op, i) => {
      const pointer = stringAt(op, ["path"]);
      if (!isRecord(op) || (op.op !== "add" && op.op !== "replace") || pointer === null) return;
      const path = setPointer(value, pointer, op.value);
      if (path) placed.push({ path, op: i });
    });
    const lineOf = (path: NodePath): number => {
      const inside = placed.filter((p) => p.path.every((part, k) => path[k] === part)).sort((a, b) => b.path.length - a.path.length)[0];
      if (inside) return locator.lineOf([inside.op, "value", ...path.slice(inside.path.length)]);
      const around = placed.find((p) => path.every((part, k) => p.path[k] === part));
      return around ? locator.lineOf([around.op, "path"]) : locator.lineOf([]);
    };
    return [{ group: patch.target.group ?? "", kind: patch.target.kind ?? "", name: patch.target.name, value, lineOf }];
  });
}
