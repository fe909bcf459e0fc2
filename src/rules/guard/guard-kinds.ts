import type { ManifestObject } from "../../manifests/types.js";

/** The guard objects the `guard/` family watches, by API group and kind. */

/** Admission webhooks and ValidatingAdmissionPolicies. */
export const ADMISSION_GROUP = "admissionregistration.k8s.io";
/** Kyverno's ClusterPolicy, Policy and PolicyException. */
export const KYVERNO_GROUP = "kyverno.io";
/** Kyverno's CEL policy API (1.14+): ValidatingPolicy and friends, and their PolicyException. */
export const KYVERNO_POLICIES_GROUP = "policies.kyverno.io";

/** True for a `networking.k8s.io` NetworkPolicy. */
export function isNetworkPolicy(object: ManifestObject): boolean {
  return object.group === "networking.k8s.io" && object.kind === "NetworkPolicy";
}

/** True for a Kyverno ClusterPolicy or Policy (`kyverno.io`). */
export function isKyvernoPolicy(object: ManifestObject): boolean {
  return object.group === KYVERNO_GROUP && (object.kind === "ClusterPolicy" || object.kind === "Policy");
}

/** True for a Kyverno CEL validating policy (`policies.kyverno.io`): its `validationActions` work like a VAP binding's. */
export function isKyvernoValidatingPolicy(object: ManifestObject): boolean {
  return object.group === KYVERNO_POLICIES_GROUP && /^(?:Namespaced)?(?:Image)?ValidatingPolicy$/.test(object.kind);
}

/** True for a ValidatingAdmissionPolicy or its binding. */
export function isAdmissionPolicy(object: ManifestObject): boolean {
  return object.group === ADMISSION_GROUP && (object.kind === "ValidatingAdmissionPolicy" || object.kind === "ValidatingAdmissionPolicyBinding");
}

/** True for a Validating- or MutatingWebhookConfiguration. */
export function isWebhookConfiguration(object: ManifestObject): boolean {
  return object.group === ADMISSION_GROUP && (object.kind === "ValidatingWebhookConfiguration" || object.kind === "MutatingWebhookConfiguration");
}

/** True for a Gatekeeper constraint (any kind in `constraints.gatekeeper.sh`) or ConstraintTemplate. */
export function isGatekeeperGuard(object: ManifestObject): boolean {
  return object.group === "constraints.gatekeeper.sh" || (object.group === "templates.gatekeeper.sh" && object.kind === "ConstraintTemplate");
}

/** True for a core Namespace. */
export function isNamespace(object: ManifestObject): boolean {
  return object.group === "" && object.kind === "Namespace";
}

/** `Kind namespace/name` or `Kind name`, for messages about an object that no longer exists at head. */
export function describeObject(object: ManifestObject): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ""}${object.name}`;
}
