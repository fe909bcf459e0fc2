import type { Hit, ObjectRule } from "../types.js";
import { policyRules } from "./policy-rules.js";
import { clusterRoleExample as role } from "./role-example.js";

const DIMENSIONS = ["verbs", "resources", "apiGroups"] as const;

const MEANING: Record<(typeof DIMENSIONS)[number], string> = {
  verbs: "every verb, escalate, bind and impersonate included",
  resources: "every resource and subresource of those groups: Secrets, pods/exec, nodes/proxy",
  apiGroups: "every API group, those of CRDs installed later included",
};

/** `*` in a Role's verbs, resources or apiGroups. */
export const wildcard: ObjectRule = {
  id: "rbac/wildcard",
  severity: "high",
  title: "Role uses a wildcard",
  description: "A Role or ClusterRole rule lists `*` in `verbs`, `resources` or `apiGroups`. The capability rules (secrets-read, pod-exec, …) leave `resources: [\"*\"]` to this rule, so a wildcard role is one finding per wildcard, not one per capability.",
  why: "A wildcard grants everything that exists now and everything added later (new subresources, CRDs installed next month, `escalate`, `impersonate`): the role's real power cannot be reviewed from the manifest.",
  fix: "List the verbs, resources and API groups the workload actually uses (`kubectl auth can-i --list --as=system:serviceaccount:ns:name` helps to find them).",
  examples: {
    bad: role("operator", "  - apiGroups: [\"*\"]\n    resources: [\"*\"]\n    verbs: [\"*\"]\n"),
    good: role("operator", "  - apiGroups: [apps]\n    resources: [deployments]\n    verbs: [get, list, watch, update]\n"),
  },
  scope: "object",
  check(object) {
    const hits: Hit[] = [];
    for (const entry of policyRules(object)) {
      // The entry's whole signature is the key: the same wildcard entry at base is not new, a widened one is.
      const signature = [entry.apiGroups, entry.resources, entry.verbs].map((list) => [...list].sort().join(",")).join("|");
      for (const dimension of DIMENSIONS) {
        const i = entry[dimension].indexOf("*");
        if (i === -1) continue;
        hits.push({ message: `rule ${entry.index + 1} grants ${dimension}: ["*"] (${MEANING[dimension]}).`, at: ["rules", entry.index, dimension, i], key: `${dimension}|${signature}` });
      }
    }
    return hits;
  },
};
