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
import { judgeApprovals } from "../approvals/judge-approvals.js";
import type { ArrivalKind } from "../approvals/describe-approvers.js";
import type { Evidence } from "../web-flow/evidence.js";
import { judgeWebFlow } from "../web-flow/judge-web-flow.js";
import { pushFindings } from "../web-flow/push-findings.js";
import { adviseMergeMethods } from "../web-flow/merge-methods.js";
import type { WebFlowTrust } from "../web-flow/web-flow-trust.js";
import { automationFindings, markAutomationCommits } from "../automation/automation-findings.js";
import { NO_TRUST_ANCHORS, type TrustAnchors } from "../trust/trust-anchors.js";
import { trustAnchorFindings } from "./trust-anchor-findings.js";

/** Everything trusted, all of it read from the base: never from the change under review. */
export interface Trust {
  policy: Policy;
  policyRef: PolicyRef;
  keyring: Keyring;
  index: RepoIndex;
  /** GitHub's web-flow key (`signing.webFlowKey`), when the policy names one: never part of the allowed set. */
  webFlow?: WebFlowTrust;
  /** The files that decide whom the gate trusts; a change to one is reported (none when absent). */
  anchors?: TrustAnchors;
}

export interface EvaluationInput {
  changeSet: ChangeSet;
  trust: Trust;
  /** The clock Flux's key-expiry rule is judged against. */
  now: Date;
  /** Facts about how the change arrived that the ChangeSet cannot show (a push's `forced` flag; `kind` absent locally). */
  arrival?: { forcePush?: boolean; kind?: ArrivalKind };
  /** Facts only GitHub knows (reviews, team membership, merged pull requests, flux-warden's checks): read by the app. */
  evidence?: Evidence;
}

/**
 * The pure engine: the same ChangeSet, trust and clock always give the same Decision. No network, no git, no logger.
 */
export async function evaluate({ changeSet, trust, now, arrival, evidence }: EvaluationInput): Promise<Decision> {
  const { policy, keyring } = trust;
  const headOnly = policy.signing.mode === "head";
  const headCommit = changeSet.commits.at(-1);
  const verified = headOnly ? (headCommit ? [headCommit] : []) : changeSet.commits;
  // Image-automation keys speak for no tenant: their commits are judged in src/automation, and skipped by ownership.
  const verdicts = markAutomationCommits(await verifyCommits(verified, keyring, policy, now), policy);
  // GitHub's web-flow key signs for no tenant: its commits are judged in src/web-flow, and skipped by ownership.
  const webFlow = await judgeWebFlow({ verdicts, changeSet, policy, webFlow: trust.webFlow, now, facts: evidence?.github });
  const commits = webFlow.commits;

  const units: OwnershipUnit[] = headOnly
    ? commits.map((verdict) => ({ verdict, files: changeSet.files }))
    : commits.map((verdict, i) => ({ verdict, files: changeSet.commits[i]!.files }));
  const owned = units.filter((unit) => !webFlow.judged.has(unit.verdict.sha));
  const automation = automationFindings(owned, policy, trust.index);

  const manifests = await analyzeManifests({ files: changeSet.files, policy, index: trust.index });
  const found: RuleFinding[] = [
    ...signatureFindings(commits.filter((c) => !webFlow.judged.has(c.sha)), keyring.keys.length),
    ...webFlow.findings,
    ...ownershipFindings(owned.filter((unit) => !unit.verdict.automation), policy),
    ...automation,
    ...manifests.findings,
    ...trustAnchorFindings(changeSet.files, trust.anchors ?? NO_TRUST_ANCHORS),
    ...(arrival?.forcePush ? [forcePushFinding(changeSet)] : []),
    ...(arrival?.kind === "push" ? await pushFindings({ changeSet, commits, policy, keyring, now, facts: evidence?.github }) : []),
  ];
  // Owners' approvals waive ownership/wrong-tenant findings only (src/approvals): after the policy, which cannot.
  const findings = judgeApprovals(applyPolicy(found, policy.rules), { units: owned, changeSet, policy, approvals: evidence?.approvals, kind: arrival?.kind });

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
    ...(arrival?.kind === "pull_request" ? { mergeMethods: await adviseMergeMethods({ changeSet, policy, keyring, webFlow: trust.webFlow, now }) } : {}),
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
