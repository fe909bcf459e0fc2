import type { ManifestObject } from "./types.js";

/** The file names kustomize reads as a kustomization; such files may omit `apiVersion` and `kind`. */
const KUSTOMIZE_FILE_NAMES = new Set(["kustomization.yaml", "kustomization.yml", "Kustomization"]);

/** True when `path` is a kustomize config file by name (the only YAML without `apiVersion`/`kind` we evaluate). */
export function isKustomizeConfigFile(path: string): boolean {
  return KUSTOMIZE_FILE_NAMES.has(path.slice(path.lastIndexOf("/") + 1));
}

/** The API group of kustomize config files (`kustomize.config.k8s.io`), distinct from Flux's Kustomization. */
export const KUSTOMIZE_CONFIG_GROUP = "kustomize.config.k8s.io";

/** True for a kustomize config file's object (Kustomization or Component), never Flux's Kustomization. */
export function isKustomizeConfigObject(object: Pick<ManifestObject, "group" | "kind">): boolean {
  return object.group === KUSTOMIZE_CONFIG_GROUP && (object.kind === "Kustomization" || object.kind === "Component");
}
