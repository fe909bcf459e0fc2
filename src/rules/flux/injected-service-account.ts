import { appliersOf, type FluxApplier } from "../../manifests/flux-appliers.js";
import { stringAt } from "../../manifests/read-value.js";
import type { RepoIndex } from "../../manifests/repo-index.js";
import { patchObjects } from "../kustomize/patch-objects.js";

/** The Flux objects a service account decides the rights of. */
export type AppliedKind = "HelmRelease" | "Kustomization";

/**
 * The `serviceAccountName` an applier's `spec.patches` give objects of `kind` (the last patch setting it wins, as
 * kustomize applies them in order), or null when none does. A patch with no target kind applies to every kind.
 */
export function injectedServiceAccount(patches: FluxApplier["patches"], kind: AppliedKind): string | null {
  // The base index's appliers live as long as the cached index: their patches are parsed once, not once per object.
  let known = injected.get(patches);
  if (!known) injected.set(patches, (known = new Map()));
  if (!known.has(kind)) known.set(kind, readInjected(patches, kind));
  return known.get(kind)!;
}

const injected = new WeakMap<FluxApplier["patches"], Map<AppliedKind, string | null>>();

function readInjected(patches: FluxApplier["patches"], kind: AppliedKind): string | null {
  let found: string | null = null;
  for (const [i, patch] of patches.entries()) {
    for (const partial of patchObjects({ at: ["spec", "patches", i, "patch"], text: patch.text, target: patch.target })) {
      if (partial.kind !== "" && partial.kind !== kind) continue;
      const account = stringAt(partial.value, ["spec", "serviceAccountName"]);
      if (account) found = account;
    }
  }
  return found;
}

/**
 * True when every base Flux Kustomization applying the folder of `path` sets `serviceAccountName` on objects of
 * `kind` through its `spec.patches` (Flux's hub-and-spoke layout): such an object is then not applied with the
 * controller's own identity even though its manifest names no service account. A folder no known Kustomization
 * applies is not covered.
 */
export function serviceAccountInjected(index: RepoIndex, kind: AppliedKind, path: string): boolean {
  const appliers = appliersOf(index.fluxAppliers, path);
  return appliers.length > 0 && appliers.every((applier) => injectedServiceAccount(applier.patches, kind) !== null);
}
