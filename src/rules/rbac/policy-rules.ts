import { arrayAt, isRecord } from "../../manifests/read-value.js";
import type { ManifestObject } from "../../manifests/types.js";

export const RBAC_GROUP = "rbac.authorization.k8s.io";

/** One entry of a Role's or ClusterRole's `rules`, with its index and its lists read as strings. */
export interface PolicyRuleEntry {
  index: number;
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames: string[];
}

/** The `rules` entries of a Role or ClusterRole (empty for anything else). */
export function policyRules(object: ManifestObject): PolicyRuleEntry[] {
  if (object.group !== RBAC_GROUP || (object.kind !== "Role" && object.kind !== "ClusterRole")) return [];
  return arrayAt(object.value, ["rules"]).flatMap((entry, index) =>
    isRecord(entry)
      ? [{ index, apiGroups: strings(entry.apiGroups), resources: strings(entry.resources), verbs: strings(entry.verbs), resourceNames: strings(entry.resourceNames) }]
      : [],
  );
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => (typeof v === "string" ? v : String(v))) : [];
}

/**
 * Index of the `resources` element that grants `resource` (`pods/exec` style for subresources), the way the RBAC
 * authorizer matches: `*`, the exact name, or a star prefix with the same subresource (`*` + `/exec`). -1 when none does.
 */
export function resourceIndex(entry: PolicyRuleEntry, resource: string): number {
  const sub = resource.includes("/") ? resource.slice(resource.indexOf("/")) : null;
  return entry.resources.findIndex((r) => r === "*" || r === resource || (sub !== null && r === `*${sub}`));
}

/** True when the entry covers API group `group` (`*` covers all). */
export function coversGroup(entry: PolicyRuleEntry, group: string): boolean {
  return entry.apiGroups.some((g) => g === "*" || g === group);
}

/** The verbs among `verbs` that the entry grants (`*` grants all). */
export function grantedVerbs(entry: PolicyRuleEntry, verbs: readonly string[]): string[] {
  return entry.verbs.includes("*") ? [...verbs] : verbs.filter((v) => entry.verbs.includes(v));
}
