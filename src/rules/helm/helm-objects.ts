import type { ManifestObject, NodePath } from "../../manifests/types.js";
import { FLUX_HELM_GROUP, FLUX_SOURCE_GROUP } from "../flux/flux-objects.js";

/** Where a HelmRelease keeps its inline values. */
export const VALUES_PATH: NodePath = ["spec", "values"];

/** True for a Flux HelmRelease (helm.toolkit.fluxcd.io, any of v2beta1, v2beta2, v2). */
export function isHelmRelease(object: ManifestObject): boolean {
  return object.group === FLUX_HELM_GROUP && object.kind === "HelmRelease";
}

/** True for a Flux HelmChart source (source.toolkit.fluxcd.io). */
export function isHelmChart(object: ManifestObject): boolean {
  return object.group === FLUX_SOURCE_GROUP && object.kind === "HelmChart";
}

/** A values path for messages: `controller.securityContext`, `(root)` for the values themselves. */
export function dotted(path: NodePath): string {
  return path.length === 0 ? "(root)" : path.map((p) => (typeof p === "number" ? `[${p}]` : p)).join(".").replace(/\.\[/g, "[");
}
