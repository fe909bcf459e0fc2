import type { PatchFileText } from "../../manifests/collect-patch-files.js";
import { patchFileOf, type LinkedPatchTarget } from "../../manifests/json6902-patch-file.js";
import { ANY_TARGET, readPatchTarget, type PatchTarget } from "../../manifests/patch-target.js";
import { arrayAt, isRecord, stringAt } from "../../manifests/read-value.js";
import type { ManifestObject, NodePath } from "../../manifests/types.js";
import type { Hit } from "../types.js";
import { inlinePatches, type InlinePatch } from "./inline-patches.js";
import { documentPatchObject, jsonPatchObject, patchObjects, type PatchedObject } from "./patch-objects.js";
import { documentEdit, jsonPatchEdit, patchEdits, type PatchEdit } from "./patch-operations.js";
import { referencedPatchSources } from "./referenced-patch-files.js";
import { isFluxKustomization } from "../flux/flux-objects.js";
import { postRendererPatches } from "../helm/post-renderer-patches.js";
import { targetText } from "./target-text.js";

export { targetText } from "./target-text.js";

/**
 * A patch the kustomize patch rules judge, wherever it is written: an inline patch of a kustomization, a JSON 6902
 * patch file (its synthetic object) under one of its targets, or a patch file a kustomization applies that the change
 * does not otherwise judge (referenced-patch-files.ts). The rules read every patch through this one path:
 * operations → risks.
 */
export interface PatchSource {
  /** The node findings are attached to (their explicit line is more precise). */
  at: NodePath;
  /**
   * How a message names the patch applied to `target`: "an inline patch for Deployment api". A patch kept in another
   * file than the object's also cites `line`, a line of that file, since the finding's own line is the reference's.
   */
  describe(target: PatchTarget, line?: number): string;
  /** The finding's line for a risk written at `line` of the patch. */
  reportedLine(line: number): number;
  /**
   * Prefix of the hit keys: empty for a patch written in the object itself; the file and the target otherwise, so
   * that at base only the same file applied to the same target hides a hit.
   */
  key: string;
  /** Why the patch's content cannot be judged (too large, not YAML, …), or null: the rules then fail closed. */
  unread: string | null;
  /** Its removals and assignments, per document. */
  edits(): PatchEdit[];
  /** The partial objects it merges. */
  partials(): PatchedObject[];
}

/** What the rules that read a patch's partial objects (images, RBAC) need of it: kustomize's patches and Helm's post-renderers alike. */
export type PartialSource = Pick<PatchSource, "at" | "describe" | "reportedLine" | "key" | "unread" | "partials">;

/**
 * Every patch that writes into what Flux applies for this object: `patchSources`, plus a HelmRelease's post-renderer
 * patches (kustomize patches too, applied to the chart's rendered output).
 */
export function partialSources(object: ManifestObject, patchFiles: ReadonlyMap<string, PatchFileText>): PartialSource[] {
  const renderers = postRendererPatches(object).map(
    (patch): PartialSource => ({
      at: patch.at,
      describe: (target) => `a post-renderer patch for ${targetText(target)}`,
      reportedLine: (line) => line,
      key: `post-renderer:${patch.key}:`,
      unread: null,
      partials: () => patch.partials(),
    }),
  );
  return [...patchSources(object, patchFiles), ...renderers];
}

/**
 * Every partial object the object's patches write (partialSources), with its source. A patch the gate cannot read is
 * left out: `kustomize/patch-pod-security` fails closed on it, once, rather than every rule reading partials.
 */
export function readablePartials(object: ManifestObject, patchFiles: ReadonlyMap<string, PatchFileText>): Array<{ source: PartialSource; partial: PatchedObject }> {
  return partialSources(object, patchFiles).flatMap((source) => (source.unread !== null ? [] : source.partials().map((partial) => ({ source, partial }))));
}

/**
 * The patches an object carries: a kustomization's inline patches and the patch files it applies (found in
 * `patchFiles`, the change's view of them), or a patch file applied to each of its targets.
 */
export function patchSources(object: ManifestObject, patchFiles: ReadonlyMap<string, PatchFileText>): PatchSource[] {
  return [
    ...inlinePatches(object).map((patch) => inlineSource(object, patch)),
    ...structuredSources(object),
    ...fileSources(object),
    ...referencedPatchSources(object, patchFiles),
  ];
}

/**
 * The hit a rule reports for a patch it cannot read: kustomize applies it regardless, so what it does is unknown and
 * the gate fails closed. `what` says what the rule could not check.
 */
export function unreadHit(source: PatchSource, what: string): Hit | null {
  if (source.unread === null) return null;
  return { message: `${source.unread}: kustomize applies it, but ${what} cannot be checked, so the gate fails closed.`, at: source.at, key: `${source.key}unread` };
}

function inlineSource(object: ManifestObject, patch: InlinePatch): PatchSource {
  const location = object.valueLocation(patch.at);
  // A block scalar's content lines follow its indicator line one to one; any other string sits on one line.
  const line = (inner: number) => (location?.blockScalar ? location.line + inner : (location?.line ?? object.lineOf(patch.at)));
  return {
    at: patch.at,
    describe: (target) => `an inline patch for ${targetText(target)}`,
    reportedLine: (inner) => inner,
    key: "",
    unread: null,
    edits: () => patchEdits(patch).map((edit) => ({ ...edit, line: line(edit.line), operations: edit.operations.map((op) => ({ ...op, line: line(op.line) })) })),
    partials: () => patchObjects(patch).map((partial) => ({ ...partial, lineOf: (path: NodePath) => line(partial.lineOf(path)) })),
  };
}

/**
 * A Flux Kustomization's patches written as YAML rather than text (v1beta1/v1beta2's `spec.patchesStrategicMerge`
 * objects and `spec.patchesJson6902` operation lists, still applied by kustomize-controller when served): lines are
 * the object's own.
 */
function structuredSources(object: ManifestObject): PatchSource[] {
  if (!isFluxKustomization(object)) return [];
  const source = (at: NodePath, document: unknown, target: PatchTarget): PatchSource => {
    const lineOf = (path: NodePath) => object.lineOf([...at, ...path]);
    return {
      at,
      describe: (t) => `a ${String(at[1])} entry for ${targetText(t)}`,
      reportedLine: (line) => line,
      key: "",
      unread: null,
      edits: () => [documentEdit(document, lineOf, target)].flatMap((edit) => edit ?? []),
      partials: () => [documentPatchObject(document, lineOf, target)].flatMap((partial) => partial ?? []),
    };
  };
  const merges = arrayAt(object.value, ["spec", "patchesStrategicMerge"]).map((entry, i) => {
    const target = { group: null, kind: stringAt(entry, ["kind"]), name: stringAt(entry, ["metadata", "name"]) };
    return source(["spec", "patchesStrategicMerge", i], entry, target);
  });
  const operations = arrayAt(object.value, ["spec", "patchesJson6902"]).map((entry, i) =>
    source(["spec", "patchesJson6902", i, "patch"], arrayAt(entry, ["patch"]), readPatchTarget(isRecord(entry) ? entry.target : null)),
  );
  return [...merges, ...operations];
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
      reportedLine: (line) => line,
      key: "",
      unread: null,
      describe: (t) =>
        linked
          ? `this patch file (applied to ${targetText(t)} by ${linked.kustomization})`
          : "this patch file (its target is unknown: no kustomization in this change applies it, so it is checked against every kind)",
      edits: () => [jsonPatchEdit(file.operations, lineOf, target)],
      partials: () => [jsonPatchObject(file.operations, lineOf, target)],
    };
  });
}
