import { DEFAULT_MANIFEST_LIMITS } from "../../manifests/limits.js";
import { splitApiVersion } from "../../manifests/object-key.js";
import { parseYamlDocuments } from "../../manifests/parse-yaml-documents.js";
import { isRecord, stringAt } from "../../manifests/read-value.js";
import type { NodePath } from "../../manifests/types.js";
import type { InlinePatch } from "./inline-patches.js";

/** One field a patch removes or sets, on the object it targets. */
export interface PatchOperation {
  op: "remove" | "set";
  /** Path in the target object; JSON Pointer segments decoded (`~1` → `/`), indexes kept as strings. */
  path: string[];
  value: unknown;
  /** A JSON 6902 `replace`: the field existed in the target, so the patch changes a value rather than adding one. */
  replaces: boolean;
  /** 1-based line within the patch text. */
  line: number;
}

/** What one document of an inline patch does to its target. */
export interface PatchEdit {
  group: string | null;
  kind: string | null;
  name: string | null;
  /** A strategic-merge `$patch: delete`: the whole target object is removed from the build. */
  deletes: boolean;
  operations: PatchOperation[];
}

/**
 * Reads an inline patch as the removals and assignments it makes. JSON 6902: `remove` removes, `add`/`replace`
 * set, `move` removes its `from` (what it sets elsewhere is not a guard). Strategic merge (and JSON merge, for CRDs):
 * every node is set, and a `null` removes the field, as both merge kinds define it. A patch that does not parse yields
 * nothing (kustomize fails the build on it, so it cannot apply anything either).
 */
export function patchEdits(patch: InlinePatch): PatchEdit[] {
  const { documents } = parseYamlDocuments(patch.text, DEFAULT_MANIFEST_LIMITS);
  return documents.flatMap((doc): PatchEdit[] => {
    const { lineOf } = doc.locate([]);
    const { group, kind, name } = patch.target;
    if (Array.isArray(doc.value)) {
      const operations = doc.value.flatMap((op, i): PatchOperation[] => {
        const path = pointer(stringAt(op, ["path"]));
        if (!isRecord(op) || path === null) return [];
        if (op.op === "remove") return [{ op: "remove", path, value: undefined, replaces: false, line: lineOf([i, "path"]) }];
        if (op.op === "add" || op.op === "replace") return [{ op: "set", path, value: op.value, replaces: op.op === "replace", line: lineOf([i, "value"]) }];
        const from = pointer(stringAt(op, ["from"]));
        if (op.op === "move" && from !== null) return [{ op: "remove", path: from, value: undefined, replaces: false, line: lineOf([i, "from"]) }];
        return [];
      });
      return [{ group, kind, name, deletes: false, operations }];
    }
    if (!isRecord(doc.value)) return [];
    const apiVersion = stringAt(doc.value, ["apiVersion"]);
    const operations: PatchOperation[] = [];
    // Every node is an assignment (a rule inside `ingress:` is judged whole, a leaf on its own); null removes.
    const walk = (node: unknown, at: Array<string | number>) => {
      if (at.length > 0) operations.push({ op: node === null ? "remove" : "set", path: at.map(String), value: node, replaces: false, line: lineOf(at as NodePath) });
      const children = isRecord(node) ? Object.entries(node) : Array.isArray(node) ? node.map((v, i) => [i, v] as const) : [];
      for (const [key, child] of children) walk(child, [...at, key]);
    };
    walk(doc.value, []);
    return [{
      group: apiVersion ? splitApiVersion(apiVersion).group : group,
      kind: stringAt(doc.value, ["kind"]) ?? kind,
      name: stringAt(doc.value, ["metadata", "name"]) ?? name,
      deletes: doc.value.$patch === "delete",
      operations,
    }];
  });
}

/** RFC 6901 pointer segments, or null for something that is not a pointer. */
function pointer(text: string | null): string[] | null {
  if (text === null || !text.startsWith("/")) return null;
  return text.slice(1).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}
