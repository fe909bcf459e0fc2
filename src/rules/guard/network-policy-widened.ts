import { arrayAt, recordAt } from "../../manifests/read-value.js";
import type { ChangeHit, ChangeRule } from "../types.js";
import { API_POLICY } from "./guard-examples.js";
import { isNetworkPolicy } from "./guard-kinds.js";
import { covers, describeOpenness, DIRECTIONS, isolatedDirections, openness, selectorRequirements } from "./network-policy-rules.js";

/** A NetworkPolicy whose isolation the change weakens. */
export const networkPolicyWidened: ChangeRule = {
  id: "guard/network-policy-widened",
  severity: "high",
  title: "NetworkPolicy widened",
  description:
    "A NetworkPolicy present at base and head: (1) gains an ingress or egress rule open to everyone — no `from`/`to`, an `ipBlock` of `0.0.0.0/0` or `::/0`, or `namespaceSelector: {}` — that no base rule already allowed on those ports; (2) stops isolating a direction (`policyTypes` loses Ingress or Egress, with the API server's defaulting applied); or (3) changes `podSelector` so it may select fewer pods (its requirements are not a subset of base's). Narrowing edits — fewer rules, more specific peers or ports, a broader podSelector — are not reported. New NetworkPolicies are not reported: one can only open what another policy isolates, which the change alone does not show.",
  why: "NetworkPolicies are allow-lists added together: one new open rule lets any pod in the cluster, or the whole internet, reach the selected pods (or lets them send data anywhere), and a narrower podSelector leaves the dropped pods with no isolation at all. The edit is a line or two inside a policy that otherwise looks unchanged.",
  fix: "Allow the specific peers that need access (a `podSelector`/`namespaceSelector` with labels, or a narrow `ipBlock`) on specific ports, and keep the podSelector and policyTypes; if wider access is really intended, say why in the change and have the owner of the policy approve it.",
  examples: {
    base: API_POLICY,
    bad: API_POLICY.replace("    - from:\n", "    - {}\n    - from:\n"),
    good: API_POLICY.replace("              app: frontend\n", "              app: frontend\n        - podSelector:\n            matchLabels:\n              app: batch\n"),
  },
  scope: "change",
  check({ base, head }) {
    if (!base || !head || !isNetworkPolicy(base) || !isNetworkPolicy(head)) return [];
    const [before, after] = [recordAt(base.value, ["spec"]) ?? {}, recordAt(head.value, ["spec"]) ?? {}];
    const hits: ChangeHit[] = [];
    const [isolatedBefore, isolatedAfter] = [isolatedDirections(before), isolatedDirections(after)];
    for (const direction of DIRECTIONS) {
      if (isolatedBefore.has(direction) && !isolatedAfter.has(direction)) {
        hits.push({ message: `spec.policyTypes no longer isolates ${direction}: all ${direction} traffic of the selected pods is allowed again unless another policy isolates it.`, at: ["spec", "policyTypes"], key: `types:${direction}` });
      }
      if (!isolatedAfter.has(direction)) continue;
      const baseRules = isolatedBefore.has(direction) ? arrayAt(before, [direction]) : [{}];
      arrayAt(after, [direction]).forEach((rule, i) => {
        const open = openness(rule, direction);
        if (!open || baseRules.some((b) => covers(b, rule, direction))) return;
        const ports = arrayAt(rule, ["ports"]).length > 0 ? "on its ports" : "on every port";
        hits.push({ message: `spec.${direction}[${i}] is open to ${describeOpenness(open, direction)}, ${ports}: base allowed no such traffic.`, at: ["spec", direction, i], key: `open:${direction}:${JSON.stringify(rule)}` });
      });
    }
    const [selectedBefore, selectedAfter] = [selectorRequirements(before.podSelector), selectorRequirements(after.podSelector)];
    if (selectedAfter.some((r) => !selectedBefore.includes(r))) {
      hits.push({ message: "spec.podSelector now requires labels base did not: pods it selected at base may no longer be isolated by it.", at: ["spec", "podSelector"], key: `selector:${JSON.stringify(selectedAfter)}` });
    }
    return hits;
  },
};
