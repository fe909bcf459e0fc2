import type { Locator } from "./create-locator.js";
import { KUSTOMIZE_CONFIG_GROUP } from "./is-kustomize-config-file.js";
import { objectKey } from "./object-key.js";
import type { PatchTarget } from "./patch-target.js";
import { isRecord } from "./read-value.js";
import type { ManifestObject, NodePath } from "./types.js";

/**
 * A JSON 6902 patch file (`ops.yaml` holding `- op: add …`, referenced by a kustomization's `patches[].path` or
 * `patchesJson6902[].path`) has no apiVersion or kind, so it would yield no object and no rule would see it. It is
 * represented instead by a synthetic object of this kind, so that the object machinery applies to it unchanged:
 * identity across base and head (by file path, following renames), base subtraction by hit key, and exact lines.
 */
export const JSON6902_PATCH_KIND = "JSON6902Patch";
const VERSION = "v1beta1";

/** RFC 6902's operations: a list using anything else is not a patch kustomize would apply. */
const OPERATIONS: ReadonlySet<string> = new Set(["add", "remove", "replace", "move", "copy", "test"]);

/** A kustomization in the change that applies the patch file, and the target it names. */
export interface LinkedPatchTarget extends PatchTarget {
  /** Repository path of that kustomization file (on the same side of the change as the patch file). */
  kustomization: string;
}

/** The value of a patch file's synthetic object. */
export interface PatchFile {
  /** The document as written: the operation list. */
  operations: unknown[];
  /** What the change's kustomizations apply it to; empty when none of them references it (the target is unknown). */
  targets: LinkedPatchTarget[];
}

/**
 * True for a JSON 6902 patch document: a non-empty sequence whose every item is a mapping with a known `op` and a
 * `path` pointer. A YAML list that is anything else (a values file, a list of names) is not one.
 */
export function isJson6902Patch(value: unknown): value is Array<Record<string, unknown>> {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((op) => isRecord(op) && typeof op.op === "string" && OPERATIONS.has(op.op) && typeof op.path === "string" && op.path.startsWith("/"))
  );
}

/**
 * The synthetic object of a patch document: kind `JSON6902Patch` in kustomize's config group (which the tenancy
 * rules already leave alone), no namespace, named after the file. Its value is `{operations, targets}`; a node path
 * under `operations` is located in the document itself, so `lineOf(["operations", 2, "value"])` is op 2's value line.
 */
export function patchFileObject(operations: unknown[], path: string, docIndex: number, locate: (root: NodePath) => Locator): ManifestObject {
  const locator = locate([]);
  const inDocument = (at: NodePath): NodePath | null => (at[0] === "operations" ? at.slice(1) : null);
  const value: PatchFile = { operations, targets: [] };
  return {
    apiVersion: `${KUSTOMIZE_CONFIG_GROUP}/${VERSION}`,
    group: KUSTOMIZE_CONFIG_GROUP,
    version: VERSION,
    kind: JSON6902_PATCH_KIND,
    namespace: null,
    name: path,
    path,
    docIndex,
    root: [],
    key: objectKey(KUSTOMIZE_CONFIG_GROUP, JSON6902_PATCH_KIND, null, path),
    value: value as unknown as Record<string, unknown>,
    lineOf: (at) => locator.lineOf(inDocument(at) ?? []),
    valueLocation: (at) => {
      const inside = inDocument(at);
      return inside ? locator.valueLocation(inside) : null;
    },
    scalarSource: (at) => {
      const inside = inDocument(at);
      return inside ? locator.scalarSource(inside) : null;
    },
  };
}

/**
 * The patch file an object stands for, or null. The shape is checked, not assumed: a YAML document may itself claim
 * `kind: JSON6902Patch`, and a rule must not trust its `operations` to be a list.
 */
export function patchFileOf(object: ManifestObject): PatchFile | null {
  if (object.group !== KUSTOMIZE_CONFIG_GROUP || object.kind !== JSON6902_PATCH_KIND) return null;
  const { operations, targets } = object.value;
  if (!isJson6902Patch(operations) || !Array.isArray(targets)) return null;
  return { operations, targets: targets.filter(isLinkedTarget) };
}

/** The same patch file with the targets the change's kustomizations give it. */
export function withTargets(object: ManifestObject, targets: LinkedPatchTarget[]): ManifestObject {
  return { ...object, value: { ...object.value, targets } };
}

/**
 * A base-side patch file read under a renamed file's previous path, identified by its head path: a patch file's
 * identity is its path (it has no name of its own), and a rename must not make its existing operations new.
 */
export function followRename(object: ManifestObject, headPath: string): ManifestObject {
  if (patchFileOf(object) === null || object.name === headPath) return object;
  return { ...object, name: headPath, key: objectKey(object.group, object.kind, object.namespace, headPath) };
}

function isLinkedTarget(value: unknown): value is LinkedPatchTarget {
  const nameOrNull = (v: unknown) => v === null || typeof v === "string";
  return isRecord(value) && typeof value.kustomization === "string" && nameOrNull(value.group) && nameOrNull(value.kind) && nameOrNull(value.name);
}
