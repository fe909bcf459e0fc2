import type { FileChange } from "../sources/change-set.js";
import { isKustomizeConfigFile } from "./is-kustomize-config-file.js";
import { patchFileReferences, resourcePaths } from "./patch-file-references.js";
import type { RepoIndex } from "./repo-index.js";
import { dirOf } from "./repo-paths.js";
import type { ManifestObject } from "./types.js";

/**
 * The files that, after the change, kustomize can only use as patches: some kustomization (of the base, or of the
 * change's head) applies the file as a patch, no kustomization lists it as a resource, and its folder is in a kustomize
 * tree at head (a folder, or an ancestor, holding a kustomization), so Flux never generates a kustomization that
 * applies every file there. Only such files hold partial objects, which the rules reporting a missing field skip.
 *
 * All three conditions are needed: a file referenced as a patch by a throw-away kustomization and applied as a resource
 * by another — or left in a folder whose kustomization the change deletes — is a whole object Flux applies.
 * With no files and no head objects this is the base's own view, which the base side of a change is judged with.
 */
export function patchOnlyFiles(index: RepoIndex, files: readonly FileChange[], headObjects: readonly ManifestObject[]): ReadonlySet<string> {
  const { patched, listed, dirs } = index.kustomizations;
  const headPatched = headObjects.flatMap((object) => patchFileReferences(object).map((reference) => reference.path));
  if (patched.size === 0 && headPatched.length === 0) return new Set();
  const headListed = new Set(headObjects.flatMap((object) => resourcePaths(object)));
  const removed = new Set<string>();
  const added = new Set<string>();
  for (const file of files) {
    if (file.head !== null && isKustomizeConfigFile(file.path)) added.add(dirOf(file.path));
    for (const old of [file.head === null ? file.path : null, file.previousPath !== file.path ? file.previousPath : null]) {
      if (old !== null && isKustomizeConfigFile(old)) removed.add(dirOf(old));
    }
  }
  const holdsKustomization = (dir: string) => added.has(dir) || (dirs.has(dir) && !removed.has(dir));
  const inKustomizeTree = (dir: string): boolean => holdsKustomization(dir) || (dir !== "" && inKustomizeTree(dirOf(dir)));
  const candidates = new Set([...patched, ...headPatched]);
  return new Set([...candidates].filter((path) => !listed.has(path) && !headListed.has(path) && inKustomizeTree(dirOf(path))));
}
