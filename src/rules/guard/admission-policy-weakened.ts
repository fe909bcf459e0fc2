import { stringAt } from "../../manifests/read-value.js";
import type { ChangeHit, ChangeRule } from "../types.js";
import { VAP_BINDING } from "./guard-examples.js";
import { isAdmissionPolicy } from "./guard-kinds.js";
import { failsOpen, losesDeny } from "./validation-actions.js";

/** A ValidatingAdmissionPolicy or binding that still exists but no longer refuses. */
export const admissionPolicyWeakened: ChangeRule = {
  id: "guard/admission-policy-weakened",
  severity: "high",
  title: "ValidatingAdmissionPolicy no longer denies",
  description:
    "A ValidatingAdmissionPolicyBinding whose `validationActions` loses Deny (only Warn or Audit remain) or whose `policyName` now names another policy, or a ValidatingAdmissionPolicy whose `failurePolicy` goes from Fail (the default) to Ignore.",
  why: "Warn and Audit admit the object and only tell someone; Ignore admits everything whenever the policy cannot be evaluated (a broken param, a CEL error an attacker can trigger). The policy still exists, so listings and dashboards keep showing the guard as in place.",
  fix: "Keep `validationActions: [Deny]` (add Warn or Audit next to it, not instead of it) and `failurePolicy: Fail`; to exempt a workload, narrow the binding's `matchResources`.",
  examples: { base: VAP_BINDING, bad: VAP_BINDING.replace("[Deny]", "[Warn, Audit]"), good: VAP_BINDING.replace("[Deny]", "[Deny, Audit]") },
  scope: "change",
  check({ base, head }) {
    if (!base || !head || !isAdmissionPolicy(base) || base.kind !== head.kind) return [];
    const hits: ChangeHit[] = [];
    if (head.kind === "ValidatingAdmissionPolicyBinding") {
      if (losesDeny(base.value, head.value)) {
        hits.push({ message: "spec.validationActions no longer includes Deny: violations are admitted.", at: ["spec", "validationActions"], key: "deny" });
      }
      const [before, after] = [stringAt(base.value, ["spec", "policyName"]), stringAt(head.value, ["spec", "policyName"])];
      if (before !== after) {
        hits.push({ message: `spec.policyName changed from ${before ?? "(none)"} to ${after ?? "(none)"}: ${before ?? "the policy"} is no longer applied by this binding.`, at: ["spec", "policyName"], key: "policy-name" });
      }
    } else if (failsOpen(base.value, head.value, ["spec", "failurePolicy"])) {
      hits.push({ message: "spec.failurePolicy changed from Fail to Ignore: requests are admitted whenever the policy cannot be evaluated.", at: ["spec", "failurePolicy"], key: "failure-policy" });
    }
    return hits;
  },
};
