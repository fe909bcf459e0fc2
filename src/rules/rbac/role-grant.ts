import type { NodePath } from "../../manifests/types.js";
import type { Hit, ObjectRule, RuleMeta } from "../types.js";
import { coversGroup, grantedVerbs, policyRules, resourceIndex } from "./policy-rules.js";

/** What a grant rule looks for: some verbs on some resources. */
export interface GrantParams {
  /** API group and resources (subresources as `pods/exec`). */
  targets: Array<{ group: string; resources: string[] }>;
  verbs: readonly string[];
  /** The resources are cluster-scoped: a namespaced Role cannot grant them, so only ClusterRoles count. */
  clusterOnly?: boolean;
  /** Which element the finding points at: the verb is the risk (`escalate`), or the resource is (`secrets`). */
  focus: "verbs" | "resources";
  /** Entries narrowed by `resourceNames` still count (impersonating one named user is still impersonation). */
  includeNamed?: boolean;
  /** The clause after the grant in the message, e.g. `it can read every Secret in its scope`. */
  consequence: string;
}

/**
 * Template: a Role or ClusterRole granting any of `verbs` on a target resource it names (by name, or with a star for
 * the resource of a subresource; `resources: ["*"]` is left to rbac/wildcard). One hit per target resource (the verbs
 * granted by all entries together), keyed by the resource, so reordering or splitting entries is not "new".
 */
export function roleGrant(meta: RuleMeta, params: GrantParams): ObjectRule {
  return {
    ...meta,
    scope: "object",
    check(object) {
      if (params.clusterOnly && object.kind !== "ClusterRole") return [];
      const entries = policyRules(object).filter((e) => params.includeNamed || e.resourceNames.length === 0);
      const hits: Hit[] = [];
      for (const { group, resources } of params.targets) {
        for (const resource of resources) {
          let at: NodePath | null = null;
          const verbs = new Set<string>();
          for (const entry of entries) {
            const r = resourceIndex(entry, resource);
            // `resources: ["*"]` is rbac/wildcard's to report: one finding for "everything", not one per capability.
            const named = r !== -1 && entry.resources[r] !== "*";
            const granted = coversGroup(entry, group) && named ? grantedVerbs(entry, params.verbs) : [];
            if (granted.length === 0) continue;
            granted.forEach((v) => verbs.add(v));
            if (at === null) {
              const verbAt = entry.verbs.findIndex((v) => v === "*" || granted.includes(v));
              at = params.focus === "verbs" ? ["rules", entry.index, "verbs", verbAt] : ["rules", entry.index, "resources", r];
            }
          }
          if (at === null) continue;
          const qualified = group === "" ? resource : `${resource}.${group}`;
          hits.push({ message: `grants ${[...verbs].join(", ")} on ${qualified}: ${params.consequence}.`, at, key: `${group}/${resource}` });
        }
      }
      return hits;
    },
  };
}
