import { KUSTOMIZE_CONFIG_GROUP } from "../../manifests/is-kustomize-config-file.js";
import type { ManifestObject } from "../../manifests/types.js";

/** True for a kustomize config file's object (Kustomization or Component), never Flux's Kustomization. */
export function isKustomizeConfig(object: ManifestObject): boolean {
  return object.group === KUSTOMIZE_CONFIG_GROUP && (object.kind === "Kustomization" || object.kind === "Component");
}
