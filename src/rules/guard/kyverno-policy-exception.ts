import { arrayAt, stringAt } from "../../manifests/read-value.js";
import type { Hit, ObjectRule } from "../types.js";
import { KYVERNO_GROUP, KYVERNO_POLICIES_GROUP } from "./guard-kinds.js";

const exception = (rules: string) =>
  `apiVersion: kyverno.io/v2\nkind: PolicyException\nmetadata:\n  name: debug-tools\n  namespace: payments\nspec:\n  exceptions:\n    - policyName: disallow-privileged\n      ruleNames:\n${rules}  match:\n    any:\n      - resources:\n          kinds: [Pod]\n          namespaces: [payments]\n`;

/** A Kyverno PolicyException: a hole in one or more policies. */
export const kyvernoPolicyException: ObjectRule = {
  id: "guard/kyverno-policy-exception",
  severity: "high",
  title: "Kyverno PolicyException added",
  description:
    "A Kyverno PolicyException (`kyverno.io`, or `policies.kyverno.io` for CEL policies) exempts resources from a policy's rules. Reported for each policy and rule it newly exempts; an existing exception edited without naming new rules is not reported again.",
  why: "An exception switches a policy off for whatever its `match` selects: a tenant who can commit one next to a privileged pod gets that pod admitted while the ClusterPolicy still reads Enforce. Exceptions are meant to be granted by the policy owners, which a commit in a tenant's folder bypasses.",
  fix: "Have the policy owners grant the exception in their own folder, matched as narrowly as possible (one namespace, one named workload, one rule), or change the workload so it passes the policy.",
  examples: {
    bad: exception("        - privileged-containers\n"),
    good: "# The workload changed to pass the policy instead:\napiVersion: v1\nkind: Pod\nmetadata:\n  name: debug-tools\n  namespace: payments\nspec:\n  containers:\n    - name: shell\n      image: ghcr.io/example/debug:1.2.0\n      securityContext:\n        privileged: false\n",
  },
  scope: "object",
  check(object) {
    if (object.kind !== "PolicyException" || (object.group !== KYVERNO_GROUP && object.group !== KYVERNO_POLICIES_GROUP)) return [];
    const hits: Hit[] = [];
    arrayAt(object.value, ["spec", "exceptions"]).forEach((entry, i) => {
      const policy = stringAt(entry, ["policyName"]) ?? "(unnamed policy)";
      const rules = arrayAt(entry, ["ruleNames"]).map(String);
      for (const rule of rules.length > 0 ? rules : ["*"]) {
        hits.push({ message: `exempts what it matches from policy ${policy}, rule ${rule}.`, at: ["spec", "exceptions", i], key: `${policy}:${rule}` });
      }
    });
    arrayAt(object.value, ["spec", "policyRefs"]).forEach((ref, i) => {
      const policy = stringAt(ref, ["name"]) ?? "(unnamed policy)";
      hits.push({ message: `exempts what it matches from ${stringAt(ref, ["kind"]) ?? "policy"} ${policy}.`, at: ["spec", "policyRefs", i], key: `${policy}:*` });
    });
    if (hits.length === 0) hits.push({ message: "exempts what it matches from Kyverno policies.", at: ["spec"], key: "exception" });
    return hits;
  },
};
