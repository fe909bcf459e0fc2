import type { CommitVerdict } from "../engine/decision.js";
import type { RuleFinding } from "../engine/finding.js";
import type { OwnershipUnit } from "../engine/ownership.js";
import type { RepoIndex } from "../manifests/repo-index.js";
import type { Policy } from "../policy/schema.js";
import { AUTOMATION_RULES, automationFinding } from "./automation-rules.js";
import { checkFileChange } from "./check-file-change.js";

/**
 * Marks the commits whose VERIFIED signer is an `automation.signers` key: they are judged by the automation checks
 * instead of ownership, so they speak for no tenant (`tenants: []`). The author and message are never consulted: they
 * are whatever the pusher wrote. `"*"` matches no key here: "any key may act as automation" would let every tenant
 * bump images in every other tenant's files.
 */
export function markAutomationCommits(verdicts: CommitVerdict[], policy: Policy): CommitVerdict[] {
  const signers = new Set(policy.automation?.signers.filter((s) => s !== "*") ?? []);
  if (signers.size === 0) return verdicts;
  return verdicts.map((v) => (v.verified && v.signer && signers.has(v.signer.fingerprint) ? { ...v, automation: true, tenants: [] } : v));
}

/**
 * The automation check, in place of ownership for the units whose verdict is an automation commit: no merges, and
 * every file change an in-place edit of marked image references to values the base's ImagePolicies allow.
 */
export function automationFindings(units: OwnershipUnit[], policy: Policy, index: RepoIndex): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const signers = new Set<string>();
  for (const { verdict, files } of units) {
    if (!verdict.automation || !verdict.signer) continue;
    signers.add(verdict.signer.fingerprint);
    if (verdict.parents.length > 1) {
      const message = `Commit ${verdict.sha.slice(0, 12)} "${verdict.subject}" is a merge of ${verdict.parents.length} parents signed by the image-automation key ${verdict.signer.fingerprint}.`;
      findings.push(automationFinding(AUTOMATION_RULES.mergeCommit, { message, path: null, line: null, commit: verdict.sha, object: null }));
      continue;
    }
    for (const file of files) findings.push(...checkFileChange(file, verdict.sha, index));
  }
  return [...findings, ...tenantSignerFindings([...signers], policy)];
}

/** One finding per automation key in use that a tenant also lists by fingerprint. */
function tenantSignerFindings(signers: string[], policy: Policy): RuleFinding[] {
  return signers.flatMap((fingerprint) => {
    const tenants = Object.entries(policy.tenants).filter(([, t]) => t.signers.includes(fingerprint)).map(([name]) => `"${name}"`);
    if (tenants.length === 0) return [];
    const message = `The image-automation key ${fingerprint} is also a signer of tenant ${tenants.join(", ")}: its commits are judged as image automation only.`;
    return [automationFinding(AUTOMATION_RULES.signerIsTenantSigner, { message, path: null, line: null, commit: null, object: null })];
  });
}
