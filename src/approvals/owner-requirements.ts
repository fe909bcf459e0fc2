import { touchedPaths, type OwnershipUnit } from "../engine/ownership.js";
import type { Policy } from "../policy/schema.js";
import { tenantsOwning } from "../policy/tenants.js";

/** `${commit}\0${path}`: how an `ownership/wrong-tenant` finding is located (its commit and reported path). */
export function requirementKey(commit: string | null, path: string | null): string {
  return `${commit ?? ""}\0${path ?? ""}`;
}

/**
 * For every path a commit changes against its owners' will, the owning tenants whose consent a waiver needs — the
 * same judgement `ownershipFindings` makes, kept in step with it. A finding is reported at the symlink's own path for
 * both the link and its target, so one key can carry two requirements (the link's owners and the target's); a waiver
 * then needs an approval for each, never one for either.
 */
export function ownerRequirements(units: OwnershipUnit[], policy: Policy): Map<string, string[][]> {
  const requirements = new Map<string, string[][]>();
  for (const { verdict, files } of units) {
    if (!verdict.verified || !verdict.signer) continue;
    for (const file of files) {
      for (const touched of touchedPaths(file)) {
        if (touched.escapes) continue;
        // As ownership.ts: a symlink may name a directory, which only the pattern with a trailing slash matches.
        const owners = touched.via
          ? [...new Set([...tenantsOwning(policy, touched.path), ...tenantsOwning(policy, `${touched.path}/`)])]
          : tenantsOwning(policy, touched.path);
        if (owners.length === 0 || owners.some((owner) => verdict.tenants.includes(owner))) continue;
        const key = requirementKey(verdict.sha, touched.via ?? touched.path);
        const list = requirements.get(key) ?? [];
        if (!list.some((known) => known.join("\0") === owners.join("\0"))) list.push(owners);
        requirements.set(key, list);
      }
    }
  }
  return requirements;
}

/** The `approvers` entries of any of `owners` (any owning tenant may consent, as any owning tenant's signer may sign). */
export function approversOf(owners: string[], policy: Policy): string[] {
  return [...new Set(owners.flatMap((tenant) => policy.tenants[tenant]?.approvers ?? []))];
}
