import type { RepoIndex } from "../manifests/repo-index.js";
import type { Policy } from "../policy/schema.js";
import { tenantsOwning } from "../policy/tenants.js";
import type { RuleContext, TenantScope } from "./types.js";

/**
 * Returns a function giving the rule context of a repository path; `patchPaths` are the files kustomizations apply as
 * patches (the base's by default). Tenant lookups are memoised: one change set asks
 * for the same few paths (and the directories their references resolve to) many times.
 */
export function createRuleContext(policy: Policy, index: RepoIndex, patchPaths: ReadonlySet<string> = index.patchedPaths): (path: string) => RuleContext {
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
  return (path) => {
    let context = contexts.get(path);
    if (!context) {
      context = { policy, path, tenants: ownersOf(path), index, params, appliedAsPatch: patchPaths.has(path), ownersOf };
      contexts.set(path, context);
    }
    return context;
  };
}
