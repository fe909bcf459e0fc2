import type { ObjectRule } from "../types.js";
import { RBAC_GROUP } from "./policy-rules.js";
import { clusterRoleExample as role } from "./role-example.js";
import { roleGrant } from "./role-grant.js";

const WRITE = ["create", "update", "patch", "delete", "deletecollection"] as const;

/** Grants that let the holder give itself (or someone) more than it has: the RBAC good-practices escalation list. */
export const ESCALATION_GRANT_RULES: ObjectRule[] = [
  roleGrant(
    {
      id: "rbac/escalate-verb",
      severity: "high",
      title: "Role grants escalate on roles",
      description: "A Role or ClusterRole grants the `escalate` verb on roles or clusterroles.",
      why: "`escalate` lifts RBAC's own escalation check: the holder can edit a role to include permissions it does not have, up to cluster-admin.",
      fix: "Remove `escalate`; have role changes go through this repository (and its review) instead of a service account.",
      examples: {
        bad: role("role-editor", "  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [clusterroles]\n    verbs: [get, update, escalate]\n"),
        good: role("role-reader", "  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [clusterroles]\n    verbs: [get, list]\n"),
      },
    },
    { targets: [{ group: RBAC_GROUP, resources: ["roles", "clusterroles"] }], verbs: ["escalate"], focus: "verbs", includeNamed: true, consequence: "the holder can add permissions it does not have to a role" },
  ),
  roleGrant(
    {
      id: "rbac/bind-verb",
      severity: "high",
      title: "Role grants bind on roles",
      description: "A Role or ClusterRole grants the `bind` verb on roles or clusterroles.",
      why: "`bind` lets the holder create bindings to roles it does not itself hold: binding itself to cluster-admin is one RoleBinding away.",
      fix: "Remove `bind`, or limit it with `resourceNames` to the specific, harmless roles a controller must hand out.",
      examples: {
        bad: role("binder", "  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [clusterroles]\n    verbs: [bind]\n"),
        good: role("binder", "  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [rolebindings]\n    verbs: [get, list]\n"),
      },
    },
    { targets: [{ group: RBAC_GROUP, resources: ["roles", "clusterroles"] }], verbs: ["bind"], focus: "verbs", includeNamed: true, consequence: "the holder can bind anyone to roles it does not hold" },
  ),
  roleGrant(
    {
      id: "rbac/impersonate-verb",
      severity: "high",
      title: "Role grants impersonate",
      description: "A Role or ClusterRole grants `impersonate` on users, groups, service accounts, uids or user extras (also when limited by `resourceNames`).",
      why: "Impersonation acts as another identity: impersonating the `system:masters` group or a powerful service account gives its full rights, and the audit log shows the victim, not the holder.",
      fix: "Remove `impersonate`; if a tool needs it, limit it with `resourceNames` to an unprivileged identity and keep it out of tenant roles.",
      examples: {
        bad: role("sudo", "  - apiGroups: [\"\"]\n    resources: [groups]\n    verbs: [impersonate]\n"),
        good: role("viewer", "  - apiGroups: [\"\"]\n    resources: [pods]\n    verbs: [get, list]\n"),
      },
    },
    {
      targets: [{ group: "", resources: ["users", "groups", "serviceaccounts"] }, { group: "authentication.k8s.io", resources: ["userextras/*", "uids"] }],
      verbs: ["impersonate"],
      focus: "verbs",
      includeNamed: true,
      consequence: "the holder can act as another user, group or service account",
    },
  ),
  roleGrant(
    {
      id: "rbac/nodes-proxy",
      severity: "high",
      title: "ClusterRole grants nodes/proxy",
      description: "A ClusterRole grants any verb on `nodes/proxy`.",
      why: "nodes/proxy reaches the kubelet API directly: it runs commands in any pod on the node (`/exec`, `/run`) without going through, or being logged as, pod exec.",
      fix: "Grant `nodes/metrics` or `nodes/stats` for monitoring instead; nothing else should need the kubelet proxy.",
      examples: {
        bad: role("node-debugger", "  - apiGroups: [\"\"]\n    resources: [nodes/proxy]\n    verbs: [get]\n"),
        good: role("node-metrics", "  - apiGroups: [\"\"]\n    resources: [nodes/metrics]\n    verbs: [get]\n"),
      },
    },
    { targets: [{ group: "", resources: ["nodes/proxy"] }], verbs: ["get", "create", "update", "patch", "delete"], clusterOnly: true, focus: "resources", consequence: "it can run commands in any pod through the kubelet" },
  ),
  roleGrant(
    {
      id: "rbac/serviceaccount-token",
      severity: "high",
      title: "Role grants creating service account tokens",
      description: "A Role or ClusterRole grants `create` on `serviceaccounts/token`.",
      why: "Creating a token for a service account is logging in as it: the holder gets the rights of every service account in scope, including controllers' powerful ones.",
      fix: "Remove the grant; workloads get their own token by mounting it, not by minting others'.",
      examples: {
        bad: role("token-minter", "  - apiGroups: [\"\"]\n    resources: [serviceaccounts/token]\n    verbs: [create]\n"),
        good: role("sa-reader", "  - apiGroups: [\"\"]\n    resources: [serviceaccounts]\n    verbs: [get, list]\n"),
      },
    },
    { targets: [{ group: "", resources: ["serviceaccounts/token"] }], verbs: ["create"], focus: "resources", consequence: "it can obtain tokens for other service accounts" },
  ),
  roleGrant(
    {
      id: "rbac/csr-approval",
      severity: "high",
      title: "ClusterRole grants approving certificate requests",
      description: "A ClusterRole grants `update`/`patch` on `certificatesigningrequests/approval` or `approve` on `signers`.",
      why: "Approving CSRs mints client certificates: with the kube-apiserver-client signer a certificate for `O=system:masters` is cluster-admin that RBAC cannot revoke.",
      fix: "Leave CSR approval to the control plane and dedicated approvers limited by `resourceNames` to their own signer.",
      examples: {
        bad: role("csr-approver", "  - apiGroups: [certificates.k8s.io]\n    resources: [certificatesigningrequests/approval]\n    verbs: [update]\n  - apiGroups: [certificates.k8s.io]\n    resources: [signers]\n    verbs: [approve]\n"),
        good: role("csr-reader", "  - apiGroups: [certificates.k8s.io]\n    resources: [certificatesigningrequests]\n    verbs: [get, list]\n"),
      },
    },
    { targets: [{ group: "certificates.k8s.io", resources: ["certificatesigningrequests/approval", "signers"] }], verbs: ["update", "patch", "approve"], clusterOnly: true, focus: "resources", consequence: "it can approve certificates that authenticate to the cluster" },
  ),
  roleGrant(
    {
      id: "rbac/webhook-configuration-write",
      severity: "high",
      title: "ClusterRole grants writing admission webhook configurations",
      description: "A ClusterRole grants create, update, patch or delete on mutating or validating webhook configurations.",
      why: "A mutating webhook sees and rewrites every object sent to the API server (it can inject a privileged container into every pod, or read every Secret written); deleting a validating one switches a policy engine off.",
      fix: "Keep webhook configurations in the platform folder, applied by the platform's Kustomization; no workload should write them.",
      examples: {
        bad: role("webhook-admin", "  - apiGroups: [admissionregistration.k8s.io]\n    resources: [mutatingwebhookconfigurations]\n    verbs: [create, update]\n"),
        good: role("webhook-viewer", "  - apiGroups: [admissionregistration.k8s.io]\n    resources: [mutatingwebhookconfigurations]\n    verbs: [get, list]\n"),
      },
    },
    {
      targets: [{ group: "admissionregistration.k8s.io", resources: ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"] }],
      verbs: WRITE,
      clusterOnly: true,
      focus: "resources",
      consequence: "it can intercept or disable admission for the whole cluster",
    },
  ),
  roleGrant(
    {
      id: "rbac/persistentvolume-create",
      severity: "high",
      title: "ClusterRole grants creating PersistentVolumes",
      description: "A ClusterRole grants `create` on `persistentvolumes`.",
      why: "A PersistentVolume can be a hostPath volume: whoever creates one and claims it mounts any directory of a node, sidestepping the pod-level hostPath restrictions.",
      fix: "Let StorageClasses provision volumes dynamically; keep PersistentVolume creation for the platform and storage drivers.",
      examples: {
        bad: role("pv-maker", "  - apiGroups: [\"\"]\n    resources: [persistentvolumes]\n    verbs: [create]\n"),
        good: role("pvc-maker", "  - apiGroups: [\"\"]\n    resources: [persistentvolumeclaims]\n    verbs: [create]\n"),
      },
    },
    { targets: [{ group: "", resources: ["persistentvolumes"] }], verbs: ["create"], clusterOnly: true, focus: "resources", consequence: "it can mount node directories through a hostPath volume" },
  ),
  roleGrant(
    {
      id: "rbac/namespace-write",
      severity: "high",
      title: "Role grants writing namespaces",
      description: "A Role or ClusterRole grants create, update, patch or delete on `namespaces` (a Role in a namespace covers that namespace object itself).",
      why: "Updating a namespace changes its `pod-security.kubernetes.io/enforce` label, turning Pod Security admission off for it; deleting one deletes everything in it, another tenant's included.",
      fix: "Have the platform create tenant namespaces through this repository; grant read access only.",
      examples: {
        bad: role("ns-admin", "  - apiGroups: [\"\"]\n    resources: [namespaces]\n    verbs: [update, patch]\n"),
        good: role("ns-reader", "  - apiGroups: [\"\"]\n    resources: [namespaces]\n    verbs: [get, list]\n"),
      },
    },
    // Not cluster-only: a Role in namespace X granting `namespaces` update authorizes updating namespace X itself.
    { targets: [{ group: "", resources: ["namespaces"] }], verbs: WRITE, focus: "resources", consequence: "it can relabel (lifting Pod Security enforcement) or delete namespaces" },
  ),
];
