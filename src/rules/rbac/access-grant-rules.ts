import type { ObjectRule } from "../types.js";
import { clusterRoleExample as role } from "./role-example.js";
import { roleGrant } from "./role-grant.js";

/** Grants that read data or enter workloads other identities own. */
export const ACCESS_GRANT_RULES: ObjectRule[] = [
  roleGrant(
    {
      id: "rbac/secrets-read",
      severity: "high",
      title: "Role grants reading Secrets",
      description: "A Role or ClusterRole grants get, list or watch on `secrets` (entries limited by `resourceNames` are not reported; `resources: [\"*\"]` is reported by rbac/wildcard).",
      why: "Secrets hold service account tokens, registry and Git credentials; `list` and `watch` return their contents too, so read access to Secrets is access to every identity they hold.",
      fix: "Grant `get` with `resourceNames` for the specific Secrets a workload needs, or mount them into its pods instead.",
      examples: {
        bad: role("secret-reader", "  - apiGroups: [\"\"]\n    resources: [secrets]\n    verbs: [get, list, watch]\n"),
        good: role("config-reader", "  - apiGroups: [\"\"]\n    resources: [configmaps]\n    verbs: [get, list, watch]\n"),
      },
    },
    { targets: [{ group: "", resources: ["secrets"] }], verbs: ["get", "list", "watch"], focus: "resources", consequence: "it can read every Secret in its scope" },
  ),
  roleGrant(
    {
      id: "rbac/pod-exec",
      severity: "high",
      title: "Role grants exec or attach into pods",
      description: "A Role or ClusterRole grants create or get on `pods/exec` or `pods/attach` (get suffices over WebSockets).",
      why: "Exec runs commands inside another workload's containers: its service account token, mounted Secrets and network position become the holder's.",
      fix: "Remove the grant from automation roles; give people time-bound access through a break-glass process instead.",
      examples: {
        bad: role("debugger", "  - apiGroups: [\"\"]\n    resources: [pods/exec]\n    verbs: [create]\n"),
        good: role("log-reader", "  - apiGroups: [\"\"]\n    resources: [pods/log]\n    verbs: [get]\n"),
      },
    },
    { targets: [{ group: "", resources: ["pods/exec", "pods/attach"] }], verbs: ["create", "get"], focus: "resources", consequence: "it can run commands inside other workloads' containers" },
  ),
  roleGrant(
    {
      id: "rbac/pod-port-forward",
      severity: "medium",
      title: "Role grants port-forward to pods",
      description: "A Role or ClusterRole grants create or get on `pods/portforward`.",
      why: "Port-forwarding reaches a pod's ports from outside the cluster network, past NetworkPolicies and ingress authentication (databases, admin endpoints). It reads and writes data but does not run code, hence medium.",
      fix: "Remove the grant from automation roles; expose what is needed through a Service with authentication.",
      examples: {
        bad: role("forwarder", "  - apiGroups: [\"\"]\n    resources: [pods/portforward]\n    verbs: [create]\n"),
        good: role("pod-reader", "  - apiGroups: [\"\"]\n    resources: [pods]\n    verbs: [get, list]\n"),
      },
    },
    { targets: [{ group: "", resources: ["pods/portforward"] }], verbs: ["create", "get"], focus: "resources", consequence: "it can reach pod ports past NetworkPolicies" },
  ),
];
