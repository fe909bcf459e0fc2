import type { ChangeRule } from "../types.js";
import { namespaceExample } from "./guard-examples.js";
import { isNamespace } from "./guard-kinds.js";
import { ENFORCE, levelRank, namespaceLabel } from "./pod-security-labels.js";

/** A Namespace whose Pod Security Admission enforce level goes down. */
export const podSecurityLabelLowered: ChangeRule = {
  id: "guard/pod-security-label-lowered",
  severity: "high",
  title: "Namespace pod-security enforce level lowered",
  description:
    "A Namespace's `pod-security.kubernetes.io/enforce` label goes down (restricted → baseline → privileged), is removed (the cluster default, privileged unless configured otherwise, applies), or becomes a value that is not a level. Raising the level, and the `warn` and `audit` labels, are not reported.",
  why: "The enforce label is what makes the API server refuse privileged, host-namespace and hostPath pods in the namespace. Lowering it is the step before committing the pod that takes over the node — and, done in a separate change, each change looks harmless on its own.",
  fix: "Keep the enforce level; if one workload needs more, move it to a namespace the platform team owns and reviews, or exempt it in the cluster's PodSecurity admission configuration.",
  examples: {
    base: namespaceExample([`${ENFORCE}: restricted`]),
    bad: namespaceExample([`${ENFORCE}: privileged`]),
    good: namespaceExample([`${ENFORCE}: restricted`, "pod-security.kubernetes.io/warn: restricted"]),
  },
  scope: "change",
  check({ base, head }) {
    if (!base || !head || !isNamespace(base) || !isNamespace(head)) return [];
    const [before, after] = [namespaceLabel(base.value, ENFORCE), namespaceLabel(head.value, ENFORCE)];
    if (levelRank(after) >= levelRank(before)) return [];
    const now = after === null ? "removed, so the cluster default (privileged unless configured) applies" : levelRank(after) < 0 ? `set to ${after}, which is not a level` : `lowered to ${after}`;
    return [{
      message: `label ${ENFORCE} was ${before ?? "unset"} and is ${now}: pods the namespace refused are admitted.`,
      at: after === null ? ["metadata", "labels"] : ["metadata", "labels", ENFORCE],
      key: `enforce:${before}->${after}`,
    }];
  },
};
