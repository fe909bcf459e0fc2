import { readPatchTarget, type PatchTarget } from "./patch-target.js";
import { arrayAt, isRecord, stringAt } from "./read-value.js";
import { resolveRepoPath } from "./repo-paths.js";
import type { ManifestObject } from "./types.js";

const FLUX_KUSTOMIZE_GROUP = "kustomize.toolkit.fluxcd.io";

/**
 * A Flux Kustomization of the base tree, as far as the rules need it to know what applies a file: the folder it builds
 * (`spec.path`, read as a folder of this repository) and its `spec.patches`, which kustomize-controller applies to
 * everything it builds — Flux's hub-and-spoke layout sets every HelmRelease's `serviceAccountName` that way.
 */
export interface FluxApplier {
  /** The file it is written in. */
  file: string;
  /** `spec.path` resolved against the repository root (`""` for the root); null when it leaves the repository. */
  applies: string | null;
  patches: Array<{ text: string; target: PatchTarget }>;
}

/** The applier an object is, or null for anything but a Flux Kustomization. */
export function fluxApplierOf(object: ManifestObject): FluxApplier | null {
  if (object.group !== FLUX_KUSTOMIZE_GROUP || object.kind !== "Kustomization") return null;
  const patches = arrayAt(object.value, ["spec", "patches"]).flatMap((entry) => {
    const text = stringAt(entry, ["patch"]);
    return text === null ? [] : [{ text, target: readPatchTarget(isRecord(entry) ? entry.target : null) }];
  });
  return { file: object.path, applies: resolveRepoPath("", stringAt(object.value, ["spec", "path"]) ?? ""), patches };
}

/** The appliers whose folder holds `path`. */
export function appliersOf(appliers: readonly FluxApplier[], path: string): FluxApplier[] {
  return appliers.filter((a) => a.applies !== null && (a.applies === "" || path.startsWith(`${a.applies}/`)));
}

/** True when `text` may be a Flux Kustomization: the index parses such files to learn what applies what. */
export function mayHoldFluxApplier(raw: Buffer): boolean {
  return raw.includes(FLUX_KUSTOMIZE_GROUP);
}
