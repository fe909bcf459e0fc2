import type { RepoIndex } from "../manifests/repo-index.js";
import type { Policy } from "../policy/schema.js";
import { tenantsOwning } from "../policy/tenants.js";
import type { Side } from "../manifests/types.js";
import type { RuleContext, TenantScope } from "./types.js";

/**
 * Returns a function giving the rule context of a repository path on one side; `patchPaths` are the files kustomize
 * can only use as patches, per side (patch-only-files.ts). Tenant lookups are memoised: one change set asks
 * for the same few paths (and the directories their references resolve to) many times.
 */
export function createRuleContext(policy: Policy, index: RepoIndex, patchPaths: Readonly<Record<Side, ReadonlySet<string>>> = NO_PATCHES): (path: string, side?: Side) => RuleContext {
  const owners = new Map<string, TenantScope[]>();
  const ownersOf = (path: string): TenantScope[] => {
    let found = owners.get(path);
    if (!found) {
      found = tenantsOwning(policy, path).map((name) => {
        const tenant = policy.tenants[name]!;
        return { name, clusterScoped: tenant.clusterScoped, namespaces: tenant.namespaces };
      });
      owners.set(path, found);
    }
    return found;
  };
  const params = { registries: policy.rules.registries, sources: policy.rules.sources };
  const contexts = new Map<string, RuleContext>();
  return (path, side = "head") => {
    let context = contexts.get(`${side}:${path}`);
    if (!context) {
      context = { policy, path, tenants: ownersOf(path), index, params, appliedAsPatch: patchPaths[side].has(path), ownersOf };
      contexts.set(`${side}:${path}`, context);
    }
    return context;
  };
}

const NO_PATCHES = { base: new Set<string>(), head: new Set<string>() };
