import type { FileChange } from "../sources/change-set.js";
import { followRename } from "./json6902-patch-file.js";
import type { ManifestLimits } from "./limits.js";
import { linkPatchTargets } from "./link-patch-targets.js";
import { readManifestFile } from "./read-manifest-file.js";
import { createTimeSlicer, type Pause } from "./time-slicer.js";
import type { ManifestObject, ParsedFile } from "./types.js";

/** Both sides of a change set, parsed. */
export interface ChangeFiles {
  baseObjects: ManifestObject[];
  headObjects: ManifestObject[];
  /** Head files as read (with their problems): what file rules look at. */
  headFiles: ParsedFile[];
  /** Head path → base path, for renamed files. */
  renames: Map<string, string>;
  /** Head files not evaluated as manifests, and why. */
  skipped: Array<{ path: string; reason: string }>;
}

/**
 * Reads every changed file at base (under its previous path, for a rename) and at head. Only the head side's
 * skips are reported: a base that cannot be read just contributes no objects, so everything at head counts as new
 * (failing closed rather than assuming the risk existed). Patch files then learn their targets from the kustomizations
 * read on the same side. `pause` runs between files (see time-slicer.ts).
 */
export async function readChangeFiles(files: FileChange[], limits: ManifestLimits, pause: Pause = createTimeSlicer()): Promise<ChangeFiles> {
  const result: ChangeFiles = { baseObjects: [], headObjects: [], headFiles: [], renames: new Map(), skipped: [] };
  for (const file of files) {
    await pause();
    if (file.previousPath !== null && file.previousPath !== file.path) result.renames.set(file.path, file.previousPath);
    if (file.head) {
      const read = readManifestFile(file.path, "head", file.head, limits);
      if ("skipped" in read) {
        result.skipped.push({ path: file.path, reason: read.skipped });
      } else {
        result.headFiles.push(read.parsed);
        result.headObjects.push(...read.parsed.objects);
      }
    }
    if (file.base) {
      const read = readManifestFile(file.previousPath ?? file.path, "base", file.base, limits);
      if ("parsed" in read) result.baseObjects.push(...read.parsed.objects.map((object) => followRename(object, file.path)));
    }
  }
  result.baseObjects = linkPatchTargets(result.baseObjects);
  result.headObjects = linkPatchTargets(result.headObjects);
  return result;
}
