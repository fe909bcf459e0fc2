import type { TreeEntry } from "../sources/change-set.js";
import { isBootstrapKustomization } from "./flux-lockdown.js";
import { isKustomizeConfigFile, isKustomizeConfigObject } from "./is-kustomize-config-file.js";
import { parseManifests } from "./parse-manifests.js";
import { patchFileReferences, resourcePaths } from "./patch-file-references.js";
import { dirOf } from "./repo-paths.js";
import type { ManifestObject } from "./types.js";

/** What the base tree's kustomize config files say about the other files: which they patch with, which they apply. */
export interface BaseKustomizations {
  /** Paths some kustomization applies as a patch file (`patches[].path`, `patchesJson6902[].path`, `patchesStrategicMerge`). */
  patched: ReadonlySet<string>;
  /** Paths some kustomization lists under `resources`, `bases` or `components`. */
  listed: ReadonlySet<string>;
  /** Folders holding a kustomize config file. */
  dirs: ReadonlySet<string>;
  /**
   * True when `dir` or one of its ancestors holds a kustomize config file. Flux builds such a folder with kustomize,
   * which applies only what a kustomization lists; elsewhere Flux generates a kustomization that applies every file.
   */
  inKustomizeTree(dir: string): boolean;
}

/** Fills `BaseKustomizations` as the index reads the base tree's kustomize config files. */
export interface KustomizationScan extends BaseKustomizations {
  /** The kustomizations that build Flux itself (flux-lockdown.ts reads their patches once the patch files are read). */
  bootstraps: ManifestObject[];
  /** Notes what one kustomize config file references. */
  add(path: string, bytes: Uint8Array): void;
}

/**
 * Starts noting what the base tree's kustomize config files reference; the folders that hold one are known from the
 * listing. Nothing of the files is kept but paths. A file that does not parse references nothing here: kustomize
 * cannot build it either.
 */
export function scanKustomizations(entries: readonly TreeEntry[]): KustomizationScan {
  const patched = new Set<string>();
  const listed = new Set<string>();
  const bootstraps: ManifestObject[] = [];
  const roots = new Set(entries.filter((e) => isKustomizeConfigFile(e.path)).map((e) => dirOf(e.path)));
  const inTree = new Map<string, boolean>();
  const inKustomizeTree = (dir: string): boolean => {
    let found = inTree.get(dir);
    if (found === undefined) {
      found = roots.has(dir) || (dir !== "" && inKustomizeTree(dirOf(dir)));
      inTree.set(dir, found);
    }
    return found;
  };
  return {
    patched,
    listed,
    dirs: roots,
    inKustomizeTree,
    bootstraps,
    add(path, bytes) {
      const { objects } = parseManifests(path, "base", new TextDecoder().decode(bytes));
      for (const object of objects.filter(isKustomizeConfigObject)) {
        for (const reference of patchFileReferences(object)) patched.add(reference.path);
        for (const resource of resourcePaths(object)) listed.add(resource);
        if (isBootstrapKustomization(object)) bootstraps.push(object);
      }
    },
  };
}
