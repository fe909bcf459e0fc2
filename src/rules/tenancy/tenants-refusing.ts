import { matchesGlob } from "../../policy/tenants.js";
import type { TenantScope } from "../types.js";

/**
 * Names of the namespace-restricted tenants whose `namespaces` patterns do not match `namespace`. Tenants without a
 * list are not restricted, so they never refuse.
 */
export function tenantsRefusing(tenants: TenantScope[], namespace: string): string[] {
  return tenants.filter((t) => t.namespaces.length > 0 && !t.namespaces.some((p) => matchesGlob(namespace, p))).map((t) => t.name);
}
