import { recordAt } from "../../manifests/read-value.js";
import type { ObjectRule } from "../types.js";
import { RBAC_GROUP } from "./policy-rules.js";

const LABELS = ["admin", "edit", "view"].map((role) => `rbac.authorization.k8s.io/aggregate-to-${role}`);

/** A ClusterRole labelled to aggregate into the built-in admin, edit or view roles. */
export const aggregateToBuiltin: ObjectRule = {
  id: "rbac/aggregate-to-builtin",
  severity: "high",
  title: "ClusterRole aggregates into admin, edit or view",
  description: "A ClusterRole carries a `rbac.authorization.k8s.io/aggregate-to-admin`, `-edit` or `-view` label set to `\"true\"`.",
  why: "Aggregation copies the role's rules into the built-in role for every subject already bound to it, in every namespace: one label silently widens what every namespace admin, editor or viewer can do, without touching any binding.",
  fix: "Remove the label and bind the ClusterRole explicitly (a RoleBinding per namespace) to the subjects that need it.",
  examples: {
    bad: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: secrets-for-all\n  labels:\n    rbac.authorization.k8s.io/aggregate-to-view: \"true\"\nrules:\n  - apiGroups: [\"\"]\n    resources: [secrets]\n    verbs: [get]\n",
    good: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: widgets-reader\nrules:\n  - apiGroups: [example.com]\n    resources: [widgets]\n    verbs: [get]\n",
  },
  scope: "object",
  check(object) {
    if (object.group !== RBAC_GROUP || object.kind !== "ClusterRole") return [];
    const labels = recordAt(object.value, ["metadata", "labels"]) ?? {};
    return LABELS.filter((label) => String(labels[label]).toLowerCase() === "true").map((label) => ({
      message: `label ${label} merges its rules into the built-in ${label.slice(label.lastIndexOf("-") + 1)} role everywhere it is bound.`,
      at: ["metadata", "labels", label],
      key: label,
    }));
  },
};
