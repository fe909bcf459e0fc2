import type { RepoIndex } from "../../manifests/repo-index.js";

/**
 * Kinds that exist once per cluster, not per namespace (`kubectl api-resources --namespaced=false`), as `group/Kind`
 * (`/Kind` for the core group). A tenant that may create any of them can affect every other tenant.
 */
export const BUILT_IN_CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  "/ComponentStatus", "/Namespace", "/Node", "/PersistentVolume",
  "admissionregistration.k8s.io/MutatingWebhookConfiguration", "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
  "admissionregistration.k8s.io/ValidatingAdmissionPolicy", "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
  "admissionregistration.k8s.io/MutatingAdmissionPolicy", "admissionregistration.k8s.io/MutatingAdmissionPolicyBinding",
  "apiextensions.k8s.io/CustomResourceDefinition",
  "apiregistration.k8s.io/APIService",
  "authentication.k8s.io/TokenReview", "authentication.k8s.io/SelfSubjectReview",
  "authorization.k8s.io/SubjectAccessReview", "authorization.k8s.io/SelfSubjectAccessReview", "authorization.k8s.io/SelfSubjectRulesReview",
  "certificates.k8s.io/CertificateSigningRequest", "certificates.k8s.io/ClusterTrustBundle",
  "flowcontrol.apiserver.k8s.io/FlowSchema", "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
  "internal.apiserver.k8s.io/StorageVersion",
  "networking.k8s.io/IngressClass", "networking.k8s.io/IPAddress", "networking.k8s.io/ServiceCIDR",
  "node.k8s.io/RuntimeClass",
  "policy/PodSecurityPolicy", "extensions/PodSecurityPolicy",
  "rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/ClusterRoleBinding",
  "resource.k8s.io/DeviceClass", "resource.k8s.io/ResourceSlice",
  "scheduling.k8s.io/PriorityClass",
  "storage.k8s.io/CSIDriver", "storage.k8s.io/CSINode", "storage.k8s.io/StorageClass", "storage.k8s.io/VolumeAttachment",
  "storage.k8s.io/VolumeAttributesClass",
  "storagemigration.k8s.io/StorageVersionMigration",
]);

/**
 * Cluster-scoped kinds of widely installed add-ons, whose CRDs are often installed by a HelmRelease and so are not
 * in the repository for the index to find.
 */
export const WELL_KNOWN_CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  "cert-manager.io/ClusterIssuer",
  "kyverno.io/ClusterPolicy", "kyverno.io/ClusterCleanupPolicy", "wgpolicyk8s.io/ClusterPolicyReport",
  "templates.gatekeeper.sh/ConstraintTemplate",
  "external-secrets.io/ClusterSecretStore", "external-secrets.io/ClusterExternalSecret",
  "snapshot.storage.k8s.io/VolumeSnapshotClass", "snapshot.storage.k8s.io/VolumeSnapshotContent",
  "gateway.networking.k8s.io/GatewayClass",
  "crd.projectcalico.org/GlobalNetworkPolicy", "crd.projectcalico.org/GlobalNetworkSet",
  "projectcalico.org/GlobalNetworkPolicy", "projectcalico.org/GlobalNetworkSet",
  "cilium.io/CiliumClusterwideNetworkPolicy",
  "karpenter.sh/NodePool", "karpenter.k8s.aws/EC2NodeClass",
  "policy.sigstore.dev/ClusterImagePolicy",
]);

/** Groups whose every kind is cluster-scoped (Gatekeeper creates one CRD per constraint template). */
const CLUSTER_SCOPED_GROUPS: ReadonlySet<string> = new Set(["constraints.gatekeeper.sh"]);

/** True when `group/kind` is cluster-scoped: built in, a well-known add-on, or declared so by a CRD in the repository. */
export function isClusterScoped(group: string, kind: string, index: RepoIndex): boolean {
  const id = `${group}/${kind}`;
  return BUILT_IN_CLUSTER_SCOPED.has(id) || WELL_KNOWN_CLUSTER_SCOPED.has(id) || CLUSTER_SCOPED_GROUPS.has(group) || index.clusterScopedKinds.has(id);
}
