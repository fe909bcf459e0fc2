import type { ManifestObject } from "../../manifests/types.js";
import type { ObjectRule, RuleMeta } from "../types.js";
import { helmReleaseExample as release } from "./helm-example.js";
import { valuesRisks, type ValuesRisk, type ValuesRiskKind } from "./values-risks.js";

// Three rules read the same values: walk them once per object (objects live for one run).
const cache = new WeakMap<object, ValuesRisk[]>();

function risksOf(object: ManifestObject): ValuesRisk[] {
  let risks = cache.get(object.value);
  if (!risks) cache.set(object.value, (risks = valuesRisks(object)));
  return risks;
}

/** Template: a heuristic rule reporting one kind of risky HelmRelease value, with what it would do once rendered. */
function valuesRule(kind: ValuesRiskKind, consequence: string, meta: Omit<RuleMeta, "confidence">): ObjectRule {
  return {
    ...meta,
    confidence: "heuristic",
    scope: "object",
    check: (object) =>
      risksOf(object)
        .filter((risk) => risk.kind === kind)
        .map((risk) => ({
          message: `spec.values: ${risk.clause} (heuristic: no chart was rendered; a chart that passes the value through ${consequence}).`,
          at: risk.at,
          key: risk.key,
        })),
  };
}

const HEURISTIC =
  "The chart is not rendered (no chart source is available to the gate): the keys are recognised by name at any depth of `spec.values`, so a chart that ignores or renames them can give false positives or negatives.";

/** HelmRelease values that would make the chart's pods privileged, root, or cluster-admin (threat model, adversary 4). */
export const VALUES_RULES: ObjectRule[] = [
  valuesRule("privileged", "deploys pods the Baseline profile refuses", {
    id: "helm/values-privileged",
    severity: "high",
    title: "HelmRelease values make pods privileged",
    description: `A HelmRelease's \`spec.values\` set, at any depth, a value the \`pod-security/\` Baseline rules refuse: \`privileged: true\`, \`hostNetwork\`/\`hostPID\`/\`hostIPC: true\`, a \`hostPath\`, a \`hostPort\`, \`capabilities.add\` outside Baseline, \`procMount: Unmasked\`, seccomp or AppArmor \`Unconfined\`, SELinux options, unsafe \`sysctls\`, \`windowsOptions.hostProcess\`. ${HEURISTIC}`,
    why: "This is the threat model's adversary 4: the chart looks vetted, and a one-line values change (`securityContext.privileged: true`) makes Flux deploy a container that owns its node. Reviewers of a HelmRelease see YAML values, not the pods they become.",
    fix: "Remove the value; if the chart genuinely needs it (a node agent), install it from a platform-owned folder under an exception.",
    examples: {
      bad: release("  values:\n    controller:\n      securityContext:\n        privileged: true\n"),
      good: release("  values:\n    controller:\n      securityContext:\n        privileged: false\n        allowPrivilegeEscalation: false\n"),
    },
  }),
  valuesRule("weakened", "runs its containers as root or lets them gain privileges", {
    id: "helm/values-weakened-security-context",
    severity: "medium",
    title: "HelmRelease values weaken a security context",
    description: `A HelmRelease's \`spec.values\` set, at any depth, \`allowPrivilegeEscalation: true\`, \`runAsUser: 0\` or \`runAsNonRoot: false\` (what the Restricted profile refuses, reported at its lower severity). ${HEURISTIC}`,
    why: "Charts ship hardened defaults (`runAsNonRoot: true`, `allowPrivilegeEscalation: false`) that values override: switching them off puts the chart's processes back at root, one bug away from the node.",
    fix: "Remove the override and keep the chart's hardened default, or set `runAsNonRoot: true` and `allowPrivilegeEscalation: false` explicitly.",
    examples: {
      bad: release("  values:\n    podSecurityContext:\n      runAsUser: 0\n"),
      good: release("  values:\n    podSecurityContext:\n      runAsUser: 10001\n      runAsNonRoot: true\n"),
    },
  }),
  valuesRule("cluster-admin", "binds its service account to cluster-admin", {
    id: "helm/values-cluster-admin",
    severity: "high",
    title: "HelmRelease values ask for cluster-admin",
    description: `A HelmRelease's \`spec.values\` set a key named like \`clusterAdmin\` (\`rbac.clusterAdmin: true\`, \`cluster_admin\`) to true, or any key to the string \`cluster-admin\` (\`rbac.clusterRole: cluster-admin\`). Ordinary \`rbac.create: true\` is not reported. ${HEURISTIC}`,
    why: "Charts that offer such a switch create a ClusterRoleBinding to cluster-admin for their own service account: whoever controls the chart's pods (or its image) controls the cluster, and the binding never appears in this repository for `rbac/cluster-admin-binding` to catch.",
    fix: "Leave the chart's scoped RBAC (`rbac.create: true`) in place and grant extra rights with a reviewed Role or ClusterRole in the repository.",
    examples: {
      bad: release("  values:\n    rbac:\n      create: true\n      clusterAdmin: true\n"),
      good: release("  values:\n    rbac:\n      create: true\n"),
    },
  }),
];
