import { DEFAULT_MANIFEST_LIMITS } from "../../manifests/limits.js";
import { splitApiVersion } from "../../manifests/object-key.js";
import type { PatchTarget } from "../../manifests/patch-target.js";
import { parseYamlDocuments } from "../../manifests/parse-yaml-documents.js";
import { isRecord, stringAt } from "../../manifests/read-value.js";
import type { NodePath } from "../../manifests/types.js";
import type { InlinePatch } from "./inline-patches.js";

/** One field a patch removes or sets, on the object it targets. */
export interface PatchOperation {
  op: "remove" | "set";
  /** Path in the target object; JSON Pointer segments decoded (`~1` → `/`), indexes kept as strings. */
  path: string[];
  /** What is set; undefined for a removal, and for a `copy`/`move`, whose value is read from the target. */
  value: unknown;
  /** A JSON 6902 `replace`: the field existed in the target, so the patch changes a value rather than adding one. */
  replaces: boolean;
  /** A JSON 6902 write replaces the node at `path` whole; a merge patch's assignment merges into it. */
  wholesale: boolean;
  /** Set by `copy` and `move`: the target path the value comes from, so the patch itself does not show the value. */
  copiedFrom?: string[];
  /** 1-based line, as the line lookup the operations were read with gives it. */
  line: number;
}

/** What one patch document does to its target. */
export interface PatchEdit {
  group: string | null;
  kind: string | null;
  name: string | null;
  /** A strategic-merge `$patch: delete`: the whole target object is removed from the build. */
  deletes: boolean;
  /** Line of the document (of its `$patch` key when it deletes), as the line lookup gives it. */
  line: number;
  operations: PatchOperation[];
}

/** Line of a node, relative to the patch document (or operation list) it was read from. */
export type PatchLineOf = (path: NodePath) => number;

/**
 * Reads an inline patch as the removals and assignments it makes: a sequence is a JSON 6902 operation list, a
 * mapping a strategic-merge (or JSON merge, for CRDs) patch, where every node is set and a `null` removes the field,
 * as both merge kinds define it. Lines are relative to the patch text. A patch that does not parse yields nothing
 * (kustomize fails the build on it, so it cannot apply anything either).
 */
export function patchEdits(patch: InlinePatch): PatchEdit[] {
  const { documents } = parseYamlDocuments(patch.text, DEFAULT_MANIFEST_LIMITS);
  return documents.flatMap((doc) => documentEdit(doc.value, doc.locate([]).lineOf, patch.target) ?? []);
}

/**
 * What one parsed patch document does to `target`, wherever it is written (inline text, a patch file): a sequence is
 * a JSON 6902 operation list, a mapping a strategic-merge (or JSON merge) patch; anything else patches nothing.
 */
export function documentEdit(value: unknown, lineOf: PatchLineOf, target: PatchTarget): PatchEdit | null {
  if (Array.isArray(value)) return jsonPatchEdit(value, lineOf, target);
  return isRecord(value) ? mergePatchEdit(value, lineOf, target) : null;
}

/**
 * What a JSON 6902 operation list does to `target`, wherever the list is written (inline text, a patch file):
 * `remove` removes; `add`/`replace` set; `copy` sets its `path` to a value read from `from`; `move` does the same
 * and removes `from`; `test` changes nothing. Items that are not operations are skipped (kustomize refuses them).
 */
export function jsonPatchEdit(ops: readonly unknown[], lineOf: PatchLineOf, target: PatchTarget): PatchEdit {
  const operations = ops.flatMap((op, i): PatchOperation[] => {
    const path = pointer(stringAt(op, ["path"]));
    if (!isRecord(op) || path === null) return [];
    if (op.op === "remove") return [{ op: "remove", path, value: undefined, replaces: false, wholesale: true, line: lineOf([i, "path"]) }];
    if (op.op === "add" || op.op === "replace") {
      return [{ op: "set", path, value: op.value, replaces: op.op === "replace", wholesale: true, line: lineOf([i, "value"]) }];
    }
    const from = pointer(stringAt(op, ["from"]));
    if ((op.op !== "copy" && op.op !== "move") || from === null) return [];
    // The value is whatever the target holds at `from`: unknown here, so the rules judge the destination conservatively.
    const copy: PatchOperation = { op: "set", path, value: undefined, replaces: false, wholesale: true, copiedFrom: from, line: lineOf([i, "path"]) };
    if (op.op === "copy") return [copy];
    return [{ op: "remove", path: from, value: undefined, replaces: false, wholesale: true, line: lineOf([i, "from"]) }, copy];
  });
  return { ...target, deletes: false, line: lineOf([]), operations };
}

/** A strategic-merge (or JSON merge) patch document: every node an assignment, `null` a removal. */
function mergePatchEdit(doc: Record<string, unknown>, lineOf: PatchLineOf, target: PatchTarget): PatchEdit {
  const apiVersion = stringAt(doc, ["apiVersion"]);
  const operations: PatchOperation[] = [];
  // Every node is an assignment (a rule inside `ingress:` is judged whole, a leaf on its own); null removes.
  const walk = (node: unknown, at: Array<string | number>) => {
    if (at.length > 0) operations.push({ op: node === null ? "remove" : "set", path: at.map(String), value: node, replaces: false, wholesale: false, line: lineOf(at) });
    const children = isRecord(node) ? Object.entries(node) : Array.isArray(node) ? node.map((v, i) => [i, v] as const) : [];
    for (const [key, child] of children) walk(child, [...at, key]);
  };
  walk(doc, []);
  const deletes = doc.$patch === "delete";
  return {
    group: apiVersion ? splitApiVersion(apiVersion).group : target.group,
    kind: stringAt(doc, ["kind"]) ?? target.kind,
    name: stringAt(doc, ["metadata", "name"]) ?? target.name,
    deletes,
    line: lineOf(deletes ? ["$patch"] : []),
    operations,
  };
}

/** RFC 6901 pointer segments, or null for something that is not a pointer. */
function pointer(text: string | null): string[] | null {
  if (text === null || !text.startsWith("/")) return null;
  return text.slice(1).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}
