import { arrayAt, recordAt, stringAt } from "../../manifests/read-value.js";
import type { NodePath } from "../../manifests/types.js";

/** One validate rule of a Kyverno ClusterPolicy/Policy and what happens when it fails. */
export interface ValidateRule {
  name: string;
  at: NodePath;
  /** Effective action: the rule's `validate.failureAction`, else `spec.validationFailureAction`, else Kyverno's default Audit. */
  action: "Enforce" | "Audit";
  /** Where the effective action is written (the rule's field, the spec's, or the spec when defaulted). */
  actionAt: NodePath;
  /** Overrides that audit instead of enforce for some namespaces (`key` compares them across base and head). */
  auditOverrides: Array<{ key: string; at: NodePath }>;
}

/** Kyverno accepts `enforce`/`audit` in any case (the lower-case spellings are deprecated aliases). */
export function normalizeAction(value: string | null): "Enforce" | "Audit" | null {
  if (value === null) return null;
  return /^enforce$/i.test(value) ? "Enforce" : /^audit$/i.test(value) ? "Audit" : null;
}

/** The validate rules of a Kyverno policy value (mutate, generate and verifyImages rules are not guards here). */
export function validateRules(policy: Record<string, unknown>): ValidateRule[] {
  const specAction = normalizeAction(stringAt(policy, ["spec", "validationFailureAction"]));
  const specOverrides = auditOverrides(policy, ["spec", "validationFailureActionOverrides"]);
  return arrayAt(policy, ["spec", "rules"]).flatMap((rule, i): ValidateRule[] => {
    if (recordAt(rule, ["validate"]) === null) return [];
    const own = normalizeAction(stringAt(rule, ["validate", "failureAction"]));
    const at: NodePath = ["spec", "rules", i];
    return [{
      name: stringAt(rule, ["name"]) ?? `#${i}`,
      at,
      action: own ?? specAction ?? "Audit",
      actionAt: own ? [...at, "validate", "failureAction"] : specAction ? ["spec", "validationFailureAction"] : ["spec"],
      auditOverrides: [...specOverrides, ...auditOverrides(policy, [...at, "validate", "failureActionOverrides"])],
    }];
  });
}

function auditOverrides(policy: Record<string, unknown>, at: NodePath): ValidateRule["auditOverrides"] {
  return arrayAt(policy, at).flatMap((o, i) => (normalizeAction(stringAt(o, ["action"])) === "Audit" ? [{ key: JSON.stringify(o), at: [...at, i] }] : []));
}
