import type { ObjectRule } from "../types.js";
import type { BindingSubject } from "./binding-subjects.js";
import { bindingToRole } from "./binding-to-role.js";
import { subjectRule } from "./subject-rule.js";

const binding = (kind: string, name: string, role: string, subject: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${kind === "RoleBinding" ? "  namespace: payments\n" : ""}roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ${role}\nsubjects:\n${subject}`;
const SA = "  - kind: ServiceAccount\n    name: ci\n    namespace: payments\n";
const group = (name: string) => `  - kind: Group\n    apiGroup: rbac.authorization.k8s.io\n    name: ${name}\n`;
const isGroup = (...names: string[]) => (s: BindingSubject) => s.kind === "Group" && names.includes(s.name);

/** Bindings that hand out broad roles, or hand roles to identities everyone has. */
export const BINDING_RULES: ObjectRule[] = [
  bindingToRole(
    {
      id: "rbac/cluster-admin-binding",
      severity: "critical",
      title: "ClusterRoleBinding to cluster-admin",
      description: "A ClusterRoleBinding grants the `cluster-admin` ClusterRole; each subject is reported, so adding one to an existing binding is too.",
      why: "cluster-admin is every permission on every resource in every namespace. A Git push that binds an attacker's service account to it is the canonical GitOps takeover (threat model, adversary 1): Flux applies it within one interval.",
      fix: "Bind a purpose-built ClusterRole with only the verbs and resources needed, or a Role in the namespaces concerned; Flux's own controllers are the expected exception (`rules.exceptions`).",
      examples: { bad: binding("ClusterRoleBinding", "ci-admin", "cluster-admin", SA), good: binding("RoleBinding", "ci-deployer", "edit", SA) },
    },
    ["cluster-admin"],
  ),
  bindingToRole(
    {
      id: "rbac/admin-edit-cluster-binding",
      severity: "high",
      title: "ClusterRoleBinding to admin or edit",
      description: "A ClusterRoleBinding grants the built-in `admin` or `edit` ClusterRole, which were meant to be bound per namespace.",
      why: "Bound cluster-wide, `edit` reads and writes Secrets and runs pods (with any service account) in every namespace, the platform's included; `admin` also manages RoleBindings there.",
      fix: "Use a RoleBinding in each namespace the subject needs, referencing the same ClusterRole.",
      examples: { bad: binding("ClusterRoleBinding", "ci-edit", "edit", SA), good: binding("RoleBinding", "ci-edit", "edit", SA) },
    },
    ["admin", "edit"],
  ),
  subjectRule(
    {
      id: "rbac/anonymous-subject",
      severity: "critical",
      title: "Binding grants rights to anonymous users",
      description: "A RoleBinding or ClusterRoleBinding names the user `system:anonymous` or the group `system:unauthenticated`.",
      why: "Anyone who can reach the API server, with no credentials at all, gets the bound role.",
      fix: "Remove the subject; bind the role to the specific users, groups or service accounts that need it.",
      examples: { bad: binding("ClusterRoleBinding", "open", "view", group("system:unauthenticated")), good: binding("RoleBinding", "ci", "view", SA) },
    },
    (s) => (s.kind === "User" && s.name === "system:anonymous") || (s.kind === "Group" && s.name === "system:unauthenticated"),
    "anyone reaching the API server, without credentials, gets this role",
  ),
  subjectRule(
    {
      id: "rbac/all-authenticated-subject",
      severity: "high",
      title: "Binding grants rights to every authenticated identity",
      description: "A RoleBinding or ClusterRoleBinding names the group `system:authenticated` or `system:serviceaccounts`.",
      why: "Every user and every service account of every workload is in these groups: one compromised pod anywhere gets the bound role.",
      fix: "Bind the specific users, groups or service accounts that need the role.",
      examples: { bad: binding("ClusterRoleBinding", "everyone", "view", group("system:authenticated")), good: binding("RoleBinding", "ci", "view", SA) },
    },
    isGroup("system:authenticated", "system:serviceaccounts"),
    "every user and every workload's service account gets this role",
  ),
  subjectRule(
    {
      id: "rbac/system-masters-subject",
      severity: "high",
      title: "Binding names the system:masters group",
      description: "A RoleBinding or ClusterRoleBinding names the group `system:masters`.",
      why: "system:masters bypasses RBAC entirely, so the binding grants nothing real; it shows someone building on that group, typically ahead of certificates minted with `O=system:masters` (which RBAC can never revoke). Reviewers should treat it as an escalation attempt.",
      fix: "Remove the subject; grant named groups through RBAC and never issue credentials in system:masters.",
      examples: { bad: binding("ClusterRoleBinding", "masters", "view", group("system:masters")), good: binding("ClusterRoleBinding", "sre", "view", group("sre")) },
    },
    isGroup("system:masters"),
    "a group that bypasses RBAC entirely",
  ),
];
