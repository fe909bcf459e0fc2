import { isKustomizeConfigObject } from "./is-kustomize-config-file.js";
import { ANY_TARGET, readPatchTarget, type PatchTarget } from "./patch-target.js";
import { arrayAt, isRecord, stringAt } from "./read-value.js";
import { dirOf, resolveRepoPath } from "./repo-paths.js";
import type { ManifestObject, NodePath } from "./types.js";

/** The kustomization fields that apply a patch file, by name. */
export type PatchFileField = "patches" | "patchesJson6902" | "patchesStrategicMerge";

/** One patch file a kustomization applies: `patches[].path`, `patchesJson6902[].path`, or a `patchesStrategicMerge` file. */
export interface PatchFileReference {
  field: PatchFileField;
  /** The node that names the file: `["patches", 0, "path"]`, `["patchesStrategicMerge", 2]`. */
  at: NodePath;
  /** Repository path the entry resolves to (relative to the kustomization's directory). */
  path: string;
  /** The entry's `target`; a `patchesStrategicMerge` file names its target itself, so that is any. */
  target: PatchTarget;
}

/**
 * The patch files a kustomize config object (Kustomization or Component) applies. Entries that leave the repository
 * name no file here (`kustomize/path-escape` reports them); inline `patchesStrategicMerge` entries (YAML text rather
 * than a file name, which kustomize also accepts) are content, read as inline patches instead.
 */
export function patchFileReferences(object: Pick<ManifestObject, "group" | "kind" | "path" | "value">): PatchFileReference[] {
  if (!isKustomizeConfigObject(object)) return [];
  const dir = dirOf(object.path);
  const found: PatchFileReference[] = [];
  const add = (field: PatchFileField, at: NodePath, entry: string | null, target: PatchTarget) => {
    const path = entry === null ? null : resolveRepoPath(dir, entry.trim());
    if (path) found.push({ field, at, path, target });
  };
  for (const field of ["patches", "patchesJson6902"] as const) {
    arrayAt(object.value, [field]).forEach((entry, i) => add(field, [field, i, "path"], stringAt(entry, ["path"]), readPatchTarget(isRecord(entry) ? entry.target : null)));
  }
  arrayAt(object.value, ["patchesStrategicMerge"]).forEach((entry, i) => {
    if (typeof entry === "string" && isFileName(entry)) add("patchesStrategicMerge", ["patchesStrategicMerge", i], entry, ANY_TARGET);
  });
  return found;
}

/**
 * The repository paths a kustomize config object lists under `resources`, `bases` and `components` (files and
 * directories alike; remote entries resolve to nothing that exists in the repository, which is harmless here).
 */
export function resourcePaths(object: Pick<ManifestObject, "group" | "kind" | "path" | "value">): string[] {
  if (!isKustomizeConfigObject(object)) return [];
  const dir = dirOf(object.path);
  return ["resources", "bases", "components"].flatMap((field) =>
    arrayAt(object.value, [field]).flatMap((entry) => {
      const path = typeof entry === "string" && isFileName(entry) ? resolveRepoPath(dir, entry.trim()) : null;
      return path ? [path] : [];
    }),
  );
}

/** A one-line entry that is not YAML or JSON text: kustomize reads it as a path. */
function isFileName(entry: string): boolean {
  return entry.trim() !== "" && !entry.includes("\n") && !entry.trim().startsWith("{");
}
