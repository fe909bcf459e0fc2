/** True for a kustomize config file's object (Kustomization or Component), never Flux's Kustomization. */
export { isKustomizeConfigObject as isKustomizeConfig } from "../../manifests/is-kustomize-config-file.js";
