import type { ChangeHit, ChangeRule } from "../types.js";
import { kyvernoExample } from "./guard-examples.js";
import { isKyvernoPolicy, isKyvernoValidatingPolicy } from "./guard-kinds.js";
import { validateRules, type ValidateRule } from "./kyverno-actions.js";
import { failsOpen, losesDeny } from "./validation-actions.js";

/** A Kyverno policy that still exists but enforces less. */
export const kyvernoPolicyWeakened: ChangeRule = {
  id: "guard/kyverno-policy-weakened",
  severity: "high",
  title: "Kyverno policy switched from Enforce to Audit",
  description:
    "A Kyverno ClusterPolicy or Policy whose validate rule enforced at base only audits at head — `spec.validationFailureAction` or the rule's `validate.failureAction` going from Enforce to Audit (or unset, which defaults to Audit) — gains an Audit override for some namespaces, or loses an enforcing validate rule; or its `spec.failurePolicy` goes from Fail to Ignore. For Kyverno's CEL ValidatingPolicy: `spec.validationActions` losing Deny, or `failurePolicy` Fail to Ignore.",
  why: "In Audit mode Kyverno admits what it used to refuse and only writes a policy report nobody reads: the policy still exists, still shows up in listings, and looks enforced. A one-word change followed by the workload it used to block is the quiet way to get a privileged pod or a forbidden binding admitted.",
  fix: "Keep `Enforce` (and `failurePolicy: Fail`); exempt a specific workload with a reviewed, narrowly matched PolicyException instead of switching the whole policy or rule to Audit.",
  examples: {
    base: kyvernoExample("  validationFailureAction: Enforce\n"),
    bad: kyvernoExample("  validationFailureAction: Audit\n"),
    good: kyvernoExample("  validationFailureAction: Enforce\n  background: true\n"),
  },
  scope: "change",
  check({ base, head }) {
    if (!base || !head) return [];
    const hits: ChangeHit[] = [];
    if (failsOpen(base.value, head.value, ["spec", "failurePolicy"]) && (isKyvernoPolicy(head) || isKyvernoValidatingPolicy(head))) {
      hits.push({ message: "spec.failurePolicy changed from Fail to Ignore: requests are admitted unchecked whenever Kyverno is unavailable.", at: ["spec", "failurePolicy"], key: "failure-policy" });
    }
    if (isKyvernoValidatingPolicy(base) && isKyvernoValidatingPolicy(head) && losesDeny(base.value, head.value)) {
      hits.push({ message: "spec.validationActions no longer includes Deny: violations are admitted.", at: ["spec", "validationActions"], key: "deny" });
    }
    if (!isKyvernoPolicy(base) || !isKyvernoPolicy(head)) return hits;
    const after = new Map(validateRules(head.value).map((rule) => [rule.name, rule]));
    // Rules that fall back to the same spec-level action are reported together, on that one line.
    const audited = new Map<string, { at: ValidateRule["actionAt"]; names: string[] }>();
    for (const rule of validateRules(base.value)) {
      if (rule.action !== "Enforce") continue;
      const now = after.get(rule.name);
      if (!now) {
        hits.push({ message: `the enforcing validate rule ${rule.name} was removed.`, at: ["spec", "rules"], key: `removed:${rule.name}` });
      } else if (now.action === "Audit") {
        const group = audited.get(JSON.stringify(now.actionAt)) ?? { at: now.actionAt, names: [] };
        audited.set(JSON.stringify(now.actionAt), { at: group.at, names: [...group.names, rule.name] });
      } else {
        const existing = new Set(rule.auditOverrides.map((o) => o.key));
        for (const override of now.auditOverrides.filter((o) => !existing.has(o.key))) {
          // A spec-level override applies to every rule: one finding for it, not one per rule.
          const whose = override.at[1] === "validationFailureActionOverrides" ? "spec.validationFailureActionOverrides" : `rule ${rule.name}`;
          hits.push({ message: `${whose} gains an Audit override: violations in the namespaces it matches are admitted.`, at: override.at, key: `override:${JSON.stringify(override.at)}:${override.key}` });
        }
      }
    }
    for (const { at, names } of audited.values()) {
      const how = at.length === 1 ? "no action is set, so Kyverno's default Audit applies" : "the action is now Audit";
      const which = names.length === 1 ? `rule ${names[0]} no longer enforces` : `rules ${names.join(", ")} no longer enforce`;
      hits.push({ message: `${which} (${how}): violations are admitted and only reported.`, at, key: `audit:${JSON.stringify(at)}` });
    }
    return hits;
  },
};
