import { resolveRepoPath } from "../../manifests/repo-paths.js";
import { stringAt } from "../../manifests/read-value.js";
import type { ManifestObject } from "../../manifests/types.js";
import type { RuleContext, TenantScope } from "../types.js";

/** What a Flux Kustomization applies, read from this repository's point of view. */
export interface KustomizationScope {
  /** `spec.path` resolved against the source root (`./` stripped); null when it climbs out of the root. */
  path: string | null;
  /** Tenants owning the applied folder (its kustomization.yaml, or any file in it). */
  contentOwners: TenantScope[];
  /** Tenants owning the Kustomization's own file, then the content's owners: everyone whose choices shape the apply. */
  involved: TenantScope[];
}

/**
 * Resolves a Flux Kustomization's `spec.path` as a folder of this repository (the monorepo layout the gate protects;
 * a Kustomization whose source is another repository is judged as if the path were here) and who owns it.
 */
export function kustomizationScope(object: ManifestObject, context: RuleContext): KustomizationScope {
  const written = stringAt(object.value, ["spec", "path"]) ?? "";
  const path = resolveRepoPath("", written);
  const contentOwners = path === null ? [] : context.ownersOf(path === "" ? "kustomization.yaml" : `${path}/kustomization.yaml`);
  const involved = [...context.tenants];
  for (const t of contentOwners) if (!involved.some((u) => u.name === t.name)) involved.push(t);
  return { path, contentOwners, involved };
}
