import { stringAt } from "../../manifests/read-value.js";
import type { ObjectRule, RuleMeta } from "../types.js";
import { bindingSubjects } from "./binding-subjects.js";
import { RBAC_GROUP } from "./policy-rules.js";

/**
 * Template: a ClusterRoleBinding to one of the named built-in ClusterRoles. One hit per subject, keyed by the
 * subject, so adding a subject to an existing binding is reported and reordering subjects is not.
 */
export function bindingToRole(meta: RuleMeta, roles: readonly string[]): ObjectRule {
  return {
    ...meta,
    scope: "object",
    check(object) {
      if (object.group !== RBAC_GROUP || object.kind !== "ClusterRoleBinding") return [];
      const role = stringAt(object.value, ["roleRef", "name"]);
      if (stringAt(object.value, ["roleRef", "kind"]) !== "ClusterRole" || role === null || !roles.includes(role)) return [];
      return bindingSubjects(object).map((subject) => ({
        message: `binds ${subject.label} to ClusterRole ${role} in every namespace.`,
        at: ["subjects", subject.index],
        key: subject.key,
      }));
    },
  };
}
