import { stringAt } from "../../manifests/read-value.js";
import type { ManifestObject } from "../../manifests/types.js";
import type { PatchedObject } from "./patch-objects.js";

/**
 * A patch's partial object as a manifest object, so that an object rule can read the fields the patch sets: it
 * holds those fields only (a rule asking about a field the patch leaves alone sees it missing), it is located in
 * the patch (`lineOf` gives the patch's lines), and it never matches a real object (`key`).
 */
export function patchedManifestObject(host: ManifestObject, partial: PatchedObject, group: string): ManifestObject {
  return {
    apiVersion: stringAt(partial.value, ["apiVersion"]) ?? (group === "" ? "v1" : `${group}/v1`),
    group,
    version: "",
    kind: partial.kind,
    namespace: stringAt(partial.value, ["metadata", "namespace"]),
    name: partial.name ?? "",
    path: host.path,
    docIndex: host.docIndex,
    root: host.root,
    key: `${host.key}#patch:${partial.kind}/${partial.name ?? "*"}`,
    value: partial.value,
    lineOf: partial.lineOf,
    valueLocation: () => null,
    scalarSource: () => null,
  };
}
