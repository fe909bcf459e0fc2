import type { ObjectRule, RuleMeta } from "../types.js";
import { bindingSubjects, type BindingSubject } from "./binding-subjects.js";

/** Template: a RoleBinding or ClusterRoleBinding naming a subject that `matches` (a group everyone is in, …). */
export function subjectRule(meta: RuleMeta, matches: (subject: BindingSubject) => boolean, consequence: string): ObjectRule {
  return {
    ...meta,
    scope: "object",
    check: (object) =>
      bindingSubjects(object)
        .filter(matches)
        .map((subject) => ({ message: `binds ${subject.label}: ${consequence}.`, at: ["subjects", subject.index, "name"], key: subject.key })),
  };
}
