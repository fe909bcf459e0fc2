import { minimatch } from "minimatch";
import type { Policy } from "./schema.js";

const GLOB_OPTIONS = { dot: true, nocomment: true, nonegate: true } as const;

/** True when `path` (repository-relative, forward slashes) matches the glob. Dot-files match: `.github/**` must. */
export function matchesGlob(path: string, pattern: string): boolean {
  return minimatch(path, pattern, GLOB_OPTIONS);
}

/** The tenants whose `paths` patterns match `path`, in policy order. */
export function tenantsOwning(policy: Policy, path: string): string[] {
  return Object.entries(policy.tenants)
    .filter(([, tenant]) => tenant.paths.some((pattern) => matchesGlob(path, pattern)))
    .map(([name]) => name);
}

/** The tenants that list `fingerprint` among their signers (`*` = any key of the allowed set). */
export function tenantsOfSigner(policy: Policy, fingerprint: string): string[] {
  return Object.entries(policy.tenants)
    .filter(([, tenant]) => tenant.signers.some((s) => s === "*" || s === fingerprint))
    .map(([name]) => name);
}
