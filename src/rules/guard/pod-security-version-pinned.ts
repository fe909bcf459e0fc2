import type { ChangeRule } from "../types.js";
import { namespaceExample } from "./guard-examples.js";
import { isNamespace } from "./guard-kinds.js";
import { ENFORCE, ENFORCE_VERSION, levelRank, namespaceLabel, versionRank } from "./pod-security-labels.js";

/** A Namespace whose enforced Pod Security Standards version moves back. */
export const podSecurityVersionPinned: ChangeRule = {
  id: "guard/pod-security-version-pinned",
  severity: "low",
  title: "Namespace pod-security enforce-version pinned back",
  description:
    "A Namespace that enforces baseline or restricted has its `pod-security.kubernetes.io/enforce-version` moved to an older Kubernetes version (`latest`, or unset, to `v1.N`, or `v1.N` to a lower `v1.M`).",
  why: "Each Kubernetes release tightens the standards (new fields, new restricted volume types and capabilities checks). Pinning to an older version keeps the label's name while checking only what that version knew about — a small, deliberate gap an attacker can aim for. It is low because the level itself still holds.",
  fix: "Keep `enforce-version: latest` (or the cluster's version); if a workload fails a newer check, fix the workload or exempt it explicitly.",
  examples: {
    base: namespaceExample([`${ENFORCE}: restricted`, `${ENFORCE_VERSION}: latest`]),
    bad: namespaceExample([`${ENFORCE}: restricted`, `${ENFORCE_VERSION}: v1.23`]),
    good: namespaceExample([`${ENFORCE}: restricted`, `${ENFORCE_VERSION}: latest`, "pod-security.kubernetes.io/audit: restricted"]),
  },
  scope: "change",
  check({ base, head }) {
    if (!base || !head || !isNamespace(base) || !isNamespace(head) || levelRank(namespaceLabel(head.value, ENFORCE)) < 1) return [];
    const [before, after] = [namespaceLabel(base.value, ENFORCE_VERSION), namespaceLabel(head.value, ENFORCE_VERSION)];
    if (versionRank(after) >= versionRank(before)) return [];
    return [{
      message: `label ${ENFORCE_VERSION} moved from ${before ?? "latest (unset)"} to ${after}: newer checks of the standard are not enforced.`,
      at: ["metadata", "labels", ENFORCE_VERSION],
      key: `version:${before}->${after}`,
    }];
  },
};
