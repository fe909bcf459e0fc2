import { arrayAt, isRecord, stringAt } from "../../manifests/read-value.js";
import type { ManifestObject } from "../../manifests/types.js";
import { RBAC_GROUP } from "./policy-rules.js";

/** A subject of a RoleBinding or ClusterRoleBinding. */
export interface BindingSubject {
  index: number;
  kind: string;
  name: string;
  namespace: string | null;
  /** `ServiceAccount payments/api`, `Group system:authenticated`. */
  label: string;
  /** Stable identity of the subject: the same subject at base and head has the same key. */
  key: string;
}

/** True for RoleBinding and ClusterRoleBinding. */
export function isBinding(object: ManifestObject): boolean {
  return object.group === RBAC_GROUP && (object.kind === "RoleBinding" || object.kind === "ClusterRoleBinding");
}

/** The subjects of a binding (empty for anything else). */
export function bindingSubjects(object: ManifestObject): BindingSubject[] {
  if (!isBinding(object)) return [];
  return arrayAt(object.value, ["subjects"]).flatMap((subject, index) => {
    if (!isRecord(subject)) return [];
    const kind = stringAt(subject, ["kind"]) ?? "?";
    const name = stringAt(subject, ["name"]) ?? "?";
    const namespace = stringAt(subject, ["namespace"]);
    const label = `${kind} ${namespace && kind === "ServiceAccount" ? `${namespace}/` : ""}${name}`;
    return [{ index, kind, name, namespace, label, key: `${kind}:${namespace ?? ""}:${name}` }];
  });
}
