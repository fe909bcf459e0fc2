import { stringAt } from "../manifests/read-value.js";
import type { ManifestObject } from "../manifests/types.js";

/**
 * True for a Flux object complete enough to be applied on its own: a Kustomization with its `sourceRef`, a
 * HelmRelease with its chart's source (or `chartRef`), a Git or OCI repository with its `url`. A strategic-merge patch
 * holds only what it changes (a Kustomization's `path`, a HelmRelease's `values`); a file holding the whole object is
 * one step — deleting its folder's kustomization, which makes Flux apply every file there — from being applied as is.
 */
export function isStandaloneObject(object: ManifestObject): boolean {
  switch (`${object.group}/${object.kind}`) {
    case "kustomize.toolkit.fluxcd.io/Kustomization":
      return stringAt(object.value, ["spec", "sourceRef", "name"]) !== null;
    case "helm.toolkit.fluxcd.io/HelmRelease":
      return stringAt(object.value, ["spec", "chart", "spec", "sourceRef", "name"]) !== null || stringAt(object.value, ["spec", "chartRef", "name"]) !== null;
    case "source.toolkit.fluxcd.io/GitRepository":
    case "source.toolkit.fluxcd.io/OCIRepository":
      return stringAt(object.value, ["spec", "url"]) !== null;
    default:
      return false;
  }
}
