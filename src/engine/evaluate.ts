import type { Decision, KeySummary, PolicyRef } from "./decision.js";
import type { RuleFinding } from "./finding.js";
import { applyPolicy } from "./apply-policy.js";
import { verifyCommits } from "./verify-commits.js";
import { signatureFindings } from "./signature-findings.js";
import { ownershipFindings, type OwnershipUnit } from "./ownership.js";
import { tenantsByPath } from "./tenants-by-path.js";
import { FORCE_PUSH_RULE } from "./gate-rules.js";
import type { ChangeSet } from "../sources/change-set.js";
import type { Keyring } from "../signatures/keyring.js";
import type { Policy } from "../policy/schema.js";
import { analyzeManifests } from "../manifests/analyze-manifests.js";
import type { RepoIndex } from "../manifests/repo-index.js";

/** Everything trusted, all of it read from the base: never from the change under review. */
export interface Trust {
  policy: Policy;
  policyRef: PolicyRef;
  keyring: Keyring;
  index: RepoIndex;
}

export interface EvaluationInput {
  changeSet: ChangeSet;
  trust: Trust;
  /** The clock Flux's key-expiry rule is judged against. */
  now: Date;
  /** Facts about how the change arrived that the ChangeSet cannot show (a push's `forced` flag). */
  arrival?: { forcePush?: boolean };
}

/**
 * The pure engine: the same ChangeSet, trust and clock always give the same Decision. No network, no git, no logger.
 */
export async function evaluate({ changeSet, trust, now, arrival }: EvaluationInput): Promise<Decision> {
  const { policy, keyring } = trust;
  const headOnly = policy.signing.mode === "head";
  const headCommit = changeSet.commits.at(-1);
  const verified = headOnly ? (headCommit ? [headCommit] : []) : changeSet.commits;
  const commits = await verifyCommits(verified, keyring, policy, now);

  const units: OwnershipUnit[] = headOnly
    ? commits.map((verdict) => ({ verdict, files: changeSet.files }))
    : commits.map((verdict, i) => ({ verdict, files: changeSet.commits[i]!.files }));

  const manifests = analyzeManifests({ files: changeSet.files, policy, index: trust.index });
  const found: RuleFinding[] = [
    ...signatureFindings(commits, keyring.keys.length),
    ...ownershipFindings(units, policy),
    ...manifests.findings,
    ...(arrival?.forcePush ? [forcePushFinding(changeSet)] : []),
  ];
  const findings = applyPolicy(found, policy.rules);

  return {
    version: 1,
    conclusion: findings.some((f) => f.blocking) ? "failure" : "success",
    base: changeSet.base,
    head: changeSet.head,
    mode: policy.signing.mode,
    policy: trust.policyRef,
    keys: keyring.keys.map(summarizeKey),
    keyProblems: keyring.problems,
    commits,
    findings,
    tenants: tenantsByPath(changeSet.files, policy),
    skipped: manifests.skipped,
  };
}

function forcePushFinding(changeSet: ChangeSet): RuleFinding {
  return {
    rule: FORCE_PUSH_RULE.id,
    severity: FORCE_PUSH_RULE.severity,
    message: `The default branch was force-pushed from ${changeSet.base.slice(0, 12)} to ${changeSet.head.slice(0, 12)}: history was rewritten.`,
    remediation: FORCE_PUSH_RULE.fix,
    path: null,
    line: null,
    commit: changeSet.head,
    object: null,
  };
}

/** The audit-relevant part of an allowed key (no key material). */
export function summarizeKey({ type, fingerprint, userIds, source }: KeySummary): KeySummary {
  return { type, fingerprint, userIds, source };
}
