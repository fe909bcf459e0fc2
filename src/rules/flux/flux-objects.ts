import type { ManifestObject } from "../../manifests/types.js";

export const FLUX_KUSTOMIZE_GROUP = "kustomize.toolkit.fluxcd.io";
export const FLUX_SOURCE_GROUP = "source.toolkit.fluxcd.io";
export const FLUX_HELM_GROUP = "helm.toolkit.fluxcd.io";
export const FLUX_IMAGE_GROUP = "image.toolkit.fluxcd.io";

const SOURCE_KINDS = new Set(["GitRepository", "OCIRepository", "HelmRepository", "HelmChart", "Bucket"]);

/** True for Flux's Kustomization (kustomize.toolkit.fluxcd.io), never a kustomize config file. */
export function isFluxKustomization(object: ManifestObject): boolean {
  return object.group === FLUX_KUSTOMIZE_GROUP && object.kind === "Kustomization";
}

/** True for a Flux source: GitRepository, OCIRepository, HelmRepository, HelmChart, Bucket. */
export function isFluxSource(object: ManifestObject): boolean {
  return object.group === FLUX_SOURCE_GROUP && SOURCE_KINDS.has(object.kind);
}
