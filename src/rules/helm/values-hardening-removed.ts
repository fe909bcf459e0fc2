import { arrayAt, recordAt, stringAt } from "../../manifests/read-value.js";
import type { ManifestObject, NodePath } from "../../manifests/types.js";
import { CONFINED_PROFILE_TYPES } from "../pod-security/allowed-values.js";
import { capabilityName } from "../pod-security/capabilities.js";
import type { ChangeHit, ChangeRule } from "../types.js";
import { helmReleaseExample as release } from "./helm-example.js";
import { dotted, isHelmRelease, VALUES_PATH } from "./helm-objects.js";
import { walkValues } from "./walk-values.js";

/** One hardening value in a mapping: where it is, how to say it, and whether a value keeps it. */
interface Hardening {
  field: NodePath;
  says: string;
  holds(mapping: Record<string, unknown>): boolean;
  /** Values `helm/values-weakened-security-context` already reports, so this rule leaves them to it. */
  reportedElsewhere?(mapping: Record<string, unknown>): boolean;
}

const HARDENING: Hardening[] = [
  { field: ["runAsNonRoot"], says: "runAsNonRoot: true", holds: (m) => m.runAsNonRoot === true, reportedElsewhere: (m) => m.runAsNonRoot === false },
  {
    field: ["allowPrivilegeEscalation"],
    says: "allowPrivilegeEscalation: false",
    holds: (m) => m.allowPrivilegeEscalation === false,
    reportedElsewhere: (m) => m.allowPrivilegeEscalation === true,
  },
  { field: ["readOnlyRootFilesystem"], says: "readOnlyRootFilesystem: true", holds: (m) => m.readOnlyRootFilesystem === true },
  { field: ["capabilities", "drop"], says: "capabilities.drop: [ALL]", holds: (m) => arrayAt(m, ["capabilities", "drop"]).map(capabilityName).includes("ALL") },
  { field: ["seccompProfile"], says: "a RuntimeDefault or Localhost seccompProfile", holds: (m) => CONFINED_PROFILE_TYPES.has(stringAt(m, ["seccompProfile", "type"]) ?? "") },
];

/** Every hardening value of a HelmRelease's values, by values path and field. */
function hardeningOf(object: ManifestObject): Map<string, { path: NodePath; item: Hardening }> {
  const found = new Map<string, { path: NodePath; item: Hardening }>();
  walkValues(recordAt(object.value, VALUES_PATH), (mapping, path) => {
    for (const item of HARDENING) if (item.holds(mapping)) found.set(`${dotted(path)}:${item.says}`, { path, item });
  });
  return found;
}

/** A HelmRelease whose values had a hardening setting at base that the change drops or turns off. */
export const valuesHardeningRemoved: ChangeRule = {
  id: "helm/values-hardening-removed",
  severity: "medium",
  title: "HelmRelease values drop a hardening setting",
  description:
    "At base a HelmRelease's `spec.values` set `runAsNonRoot: true`, `allowPrivilegeEscalation: false`, `readOnlyRootFilesystem: true`, `capabilities.drop: [ALL]` or a RuntimeDefault/Localhost `seccompProfile` somewhere, and at head that value is gone or changed (an explicit `runAsNonRoot: false` or `allowPrivilegeEscalation: true` is `helm/values-weakened-security-context`'s). The chart is not rendered: the chart's default then applies, whatever it is.",
  why: "Removing a line reads as cleanup, and no object rule can see a setting that is no longer there: yet the chart's default for an unset security context is often root, writable, with default capabilities and no seccomp (threat model, adversary 4, by deletion).",
  fix: "Keep the hardening values, or check the chart's rendered defaults (`helm template`) before dropping them and say so in the change.",
  examples: {
    base: release("  values:\n    image:\n      tag: 1.4.2\n    containerSecurityContext:\n      readOnlyRootFilesystem: true\n"),
    bad: release("  values:\n    image:\n      tag: 1.5.0\n"),
    good: release("  values:\n    image:\n      tag: 1.5.0\n    containerSecurityContext:\n      readOnlyRootFilesystem: true\n"),
  },
  confidence: "heuristic",
  scope: "change",
  check({ base, head }) {
    if (!base || !head || !isHelmRelease(base) || !isHelmRelease(head)) return [];
    const after = hardeningOf(head);
    const hits: ChangeHit[] = [];
    for (const [key, { path, item }] of hardeningOf(base)) {
      if (after.has(key)) continue;
      const mapping = recordAt(head.value, [...VALUES_PATH, ...path]);
      if (mapping && item.reportedElsewhere?.(mapping)) continue;
      const where = path.length === 0 ? "the values" : dotted(path);
      hits.push({
        message: `spec.values: ${where} no longer sets ${item.says} (heuristic: no chart was rendered; the chart's own default, possibly permissive, now applies).`,
        at: [...VALUES_PATH, ...path, ...item.field],
        key,
      });
    }
    return hits;
  },
};
