import { normalizeAction } from "../guard/kyverno-actions.js";
import { openness, type Direction } from "../guard/network-policy-rules.js";
import { ENFORCE, levelRank } from "../guard/pod-security-labels.js";
import { isRecord } from "../../manifests/read-value.js";

/** A guard field a patch can remove or weaken, and what that does. */
export interface GuardField {
  /** Whether the field exists on the target; a target whose kind (or group) is unknown is checked against every field. */
  applies: (group: string | null, kind: string | null) => boolean;
  /** Path in the target, `*` matching one segment (a list index). */
  path: string[];
  /** What removing it (or a parent of it) does; absent when the default it falls back to is as strong. */
  removed?: string;
  /** Removing anything under it counts too (`spec.verify.secretRef` weakens `spec.verify`). */
  subtree?: boolean;
  /** What setting it to `value` does, or null when that value is not weaker; `replaces` when it overwrote a value. */
  weakened?: (value: unknown, replaces: boolean) => string | null;
}

const kinds = (pattern: RegExp) => (_group: string | null, kind: string | null) => kind === null || pattern.test(kind);
const SOURCE = kinds(/^(?:GitRepository|OCIRepository|HelmChart|Bucket)$/);
const KYVERNO = kinds(/^(?:ClusterPolicy|Policy)$/);
/** Flux's appliers; a kustomization's patch target rarely names the group, and kustomize's own Kustomization has no such field. */
const FLUX_APPLIER = kinds(/^(?:Kustomization|HelmRelease)$/);
const NETWORK_POLICY = kinds(/^NetworkPolicy$/);
const WEBHOOKS = kinds(/^(?:Validating|Mutating)WebhookConfiguration$/);
/** Gatekeeper constraint kinds are user-defined: the group tells them apart, when the patch names it. */
const CONSTRAINT = (group: string | null) => group === null || group === "constraints.gatekeeper.sh";
const audits = (value: unknown) => (typeof value === "string" && normalizeAction(value) === "Audit" ? "violations are admitted and only reported" : null);
const ignores = (value: unknown) => (value === "Ignore" ? "requests are admitted unchecked whenever the guard is unavailable" : null);
const open = (direction: Direction) => (value: unknown) => {
  const rules = Array.isArray(value) ? value : [value];
  return rules.some((rule) => isRecord(rule) && openness(rule, direction) !== null) ? `an ${direction} rule open to every peer is added` : null;
};
const hasAuditOverride = (value: unknown) =>
  (Array.isArray(value) ? value : [value]).some((o) => isRecord(o) && typeof o.action === "string" && normalizeAction(o.action) === "Audit")
    ? "an Audit override admits violations in the namespaces it matches"
    : null;

/** The fields `kustomize/patch-weakens-guard` knows, after the `guard/` and `flux/` rules' semantics. */
export const GUARD_FIELDS: GuardField[] = [
  { applies: SOURCE, path: ["spec", "verify"], subtree: true, removed: "Flux stops verifying this source's signatures, or verifies less" },
  { applies: SOURCE, path: ["spec", "verify", "secretRef", "name"], weakened: (_, replaces) => (replaces ? "verification trusts the keys of another Secret" : null) },
  { applies: FLUX_APPLIER, path: ["spec", "serviceAccountName"], removed: "it is applied with its controller's own service account (cluster-admin after `flux bootstrap`, unless the base runs the lockdown)" },
  { applies: kinds(/^Namespace$/), path: ["metadata", "labels", ENFORCE], removed: "the namespace falls back to the cluster's default (privileged) level", weakened: (v) => (levelRank(typeof v === "string" ? v : null) < 2 ? "below restricted, pods a restricted namespace refuses are admitted" : null) },
  { applies: KYVERNO, path: ["spec", "validationFailureAction"], removed: "Kyverno's default, Audit, applies", weakened: audits },
  // The whole rule before its action: removing `spec.rules[0]` removes a rule, not just its action.
  { applies: KYVERNO, path: ["spec", "rules", "*", "validate"], removed: "the validate rule no longer runs" },
  { applies: KYVERNO, path: ["spec", "rules", "*", "validate", "failureAction"], removed: "the rule falls back to the policy's action, Audit unless set", weakened: audits },
  { applies: KYVERNO, path: ["spec", "validationFailureActionOverrides"], weakened: hasAuditOverride },
  { applies: KYVERNO, path: ["spec", "validationFailureActionOverrides", "*"], weakened: hasAuditOverride },
  { applies: kinds(/^(?:ClusterPolicy|Policy|ValidatingAdmissionPolicy|(?:Namespaced)?(?:Image)?ValidatingPolicy)$/), path: ["spec", "failurePolicy"], weakened: ignores },
  { applies: kinds(/^(?:ValidatingAdmissionPolicyBinding|(?:Namespaced)?(?:Image)?ValidatingPolicy)$/), path: ["spec", "validationActions"], removed: "violations are no longer denied", weakened: (v) => (Array.isArray(v) && !v.includes("Deny") ? "without Deny, violations are admitted" : null) },
  { applies: WEBHOOKS, path: ["webhooks", "*"], removed: "the API server no longer calls that webhook" },
  { applies: WEBHOOKS, path: ["webhooks", "*", "failurePolicy"], weakened: ignores },
  { applies: CONSTRAINT, path: ["spec", "enforcementAction"], weakened: (v) => (v === "dryrun" || v === "warn" ? "violations are admitted and only reported" : null) },
  { applies: NETWORK_POLICY, path: ["spec", "policyTypes"], removed: "the policy may stop isolating egress" },
  { applies: NETWORK_POLICY, path: ["spec", "ingress"], weakened: open("ingress") },
  { applies: NETWORK_POLICY, path: ["spec", "ingress", "*"], weakened: open("ingress") },
  { applies: NETWORK_POLICY, path: ["spec", "egress"], weakened: open("egress") },
  { applies: NETWORK_POLICY, path: ["spec", "egress", "*"], weakened: open("egress") },
];

/** Kinds whose deletion (`$patch: delete`) removes a guard. */
export const GUARD_KINDS = /^(?:NetworkPolicy|ClusterPolicy|Policy|(?:Namespaced)?(?:Image)?ValidatingPolicy|ValidatingAdmissionPolicy(?:Binding)?|(?:Validating|Mutating)WebhookConfiguration|ConstraintTemplate)$/;

/** True when the concrete `path` is `pattern` (`*` matching one segment). */
export function pathMatches(pattern: string[], path: string[]): boolean {
  return path.length === pattern.length && path.every((part, i) => pattern[i] === "*" || pattern[i] === part);
}

/** True when removing `path` removes `field`: the path is the field, one of its ancestors, or (subtree) inside it. */
export function removes(field: GuardField, path: string[]): boolean {
  const shared = Math.min(path.length, field.path.length);
  const along = path.slice(0, shared).every((part, i) => field.path[i] === "*" || field.path[i] === part);
  return along && (path.length <= field.path.length || field.subtree === true);
}
