import type { FileChange } from "../sources/change-set.js";
import type { Policy } from "../policy/schema.js";
import { tenantsOwning } from "../policy/tenants.js";

export const UNOWNED = "(unowned)";

/** The changed paths grouped by owning tenant (a path owned by two tenants is listed under both). */
export function tenantsByPath(files: FileChange[], policy: Policy): Record<string, string[]> {
  const byTenant: Record<string, string[]> = {};
  for (const file of files) {
    const owners = tenantsOwning(policy, file.path);
    for (const tenant of owners.length ? owners : [UNOWNED]) (byTenant[tenant] ??= []).push(file.path);
  }
  return byTenant;
}
