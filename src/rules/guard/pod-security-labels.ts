import { stringAt } from "../../manifests/read-value.js";

/** Pod Security Admission's namespace labels and how to order their values. */

/** The label whose level the API server enforces (warn and audit only report). */
export const ENFORCE = "pod-security.kubernetes.io/enforce";
/** The Kubernetes version whose edition of the standard is enforced. */
export const ENFORCE_VERSION = "pod-security.kubernetes.io/enforce-version";

const LEVELS = ["privileged", "baseline", "restricted"];

/** A namespace label's value, or null when unset. */
export function namespaceLabel(namespace: unknown, label: string): string | null {
  return stringAt(namespace, ["metadata", "labels", label]);
}

/**
 * How strict an enforce level is: privileged 0, baseline 1, restricted 2. Unset counts as privileged (the API
 * server's default unless the cluster's admission configuration says otherwise); a value that is not a level ranks
 * below privileged, so changing to it is reported rather than trusted.
 */
export function levelRank(level: string | null): number {
  return level === null ? 0 : LEVELS.indexOf(level);
}

/** How recent an enforce-version is: `latest` (or unset) above every `vMAJOR.MINOR`; unparsable versions rank lowest. */
export function versionRank(version: string | null): number {
  if (version === null || version === "latest") return Number.POSITIVE_INFINITY;
  const match = /^v(\d+)\.(\d+)$/.exec(version);
  return match ? Number(match[1]) * 1000 + Number(match[2]) : -1;
}
