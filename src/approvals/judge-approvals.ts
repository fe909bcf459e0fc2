import type { ApprovalNote, ApprovalRecord, Finding } from "../engine/decision.js";
import { compareFindings } from "../engine/apply-policy.js";
import { OWNERSHIP_RULES } from "../engine/gate-rules.js";
import type { OwnershipUnit } from "../engine/ownership.js";
import type { Policy } from "../policy/schema.js";
import { tenantsOwning } from "../policy/tenants.js";
import type { ChangeSet } from "../sources/change-set.js";
import type { ApprovalEvidence } from "./approval-evidence.js";
import { currentApprovals } from "./current-approvals.js";
import { describeApprovers, unavailableDetail, type ArrivalKind } from "./describe-approvers.js";
import { findApproval, type Need } from "./find-approval.js";
import { approversOf, ownerRequirements, requirementKey } from "./owner-requirements.js";

export interface ApprovalInput {
  units: OwnershipUnit[];
  changeSet: ChangeSet;
  policy: Policy;
  /** What the app read; absent for a local check, a push no pull request gated, a merge group. */
  approvals: ApprovalEvidence | undefined;
  kind: ArrivalKind | undefined;
}

/**
 * Waives `ownership/wrong-tenant` findings that an owner approved: every owning tenant whose consent the path needs
 * has an approver (a login, or an active member of an `org/team-slug`) whose standing review approves the current
 * head. Nothing else is waivable: signature findings are the gate itself, `ownership/unowned-path` has no owner to
 * consent, a symlink escaping the repository has no owner inside it. A waived finding stays in the Decision (with who
 * approved, in which review) but no longer blocks; one an approval could waive says who could, or why it did not.
 */
export function judgeApprovals(findings: Finding[], input: ApprovalInput): Finding[] {
  if (!findings.some((f) => f.rule === OWNERSHIP_RULES.wrongTenant.id)) return findings;
  const requirements = ownerRequirements(input.units, input.policy);
  const covered = input.approvals ? commitsUnder(input.changeSet, input.approvals.head) : new Set<string>();
  return findings
    .map((finding) => {
      if (finding.rule !== OWNERSHIP_RULES.wrongTenant.id || finding.exception) return finding;
      const sets = requirements.get(requirementKey(finding.commit, finding.path)) ?? [tenantsOwning(input.policy, finding.path ?? "")];
      const needs: Need[] = sets.map((owners) => ({ owners, approvers: approversOf(owners, input.policy) }));
      if (needs.length === 0 || needs.some((need) => need.approvers.length === 0)) return finding;
      return judgeFinding(finding, needs, input, covered);
    })
    .sort(compareFindings);
}

function judgeFinding(finding: Finding, needs: Need[], input: ApprovalInput, covered: Set<string>): Finding {
  const approvers = [...new Set(needs.flatMap((need) => need.approvers))];
  const who = describeApprovers(approvers);
  const note = (status: ApprovalNote["status"], detail: string): Finding => ({ ...finding, approval: { status, approvers, detail } });
  const evidence = input.approvals;
  if (!evidence) return note("unavailable", unavailableDetail(input.kind, who));
  const pr = `pull request #${evidence.pull}`;
  if (evidence.error) return note("unconfirmed", `An approval could not be confirmed: the reviews of ${pr} could not be read (${evidence.error}). Not waived.`);
  if (!finding.commit || !covered.has(finding.commit)) {
    return note("missing", `Commit ${short(finding.commit ?? "")} is not part of ${pr} as reviewed (head ${short(evidence.head)}): its approvals do not cover it.`);
  }
  const { current, stale } = currentApprovals(evidence.reviews, evidence.head);
  const records: ApprovalRecord[] = [];
  const problems: string[] = [];
  for (const need of needs) {
    const found = findApproval(need, current, evidence, input.policy);
    if (found.record) records.push(found.record);
    else problems.push(...found.problems);
  }
  if (records.length === needs.length) {
    const by = records.map((r) => `@${r.login}${r.approver.includes("/") ? ` (member of ${r.approver})` : ""}, an approver of tenant "${r.tenant}", in review ${r.reviewId}`).join("; ");
    const reason = `Approved by ${by}, on the current head ${short(evidence.head)} of ${pr}.`;
    return { ...finding, blocking: false, waiver: { reason, pull: evidence.pull, approvals: records } };
  }
  if (problems.length) return note("unconfirmed", `An approval by ${who} could not be confirmed: ${problems.join("; ")}. Not waived (fail closed).`);
  const staleNote = stale.length
    ? ` Earlier approvals by ${stale.map((s) => `@${s.login} (on ${short(s.commit ?? "")})`).join(", ")} are stale: the head has moved since, and a push dismisses approvals.`
    : "";
  return note("missing", `An approving review by ${who} on the current head ${short(evidence.head)} of ${pr} would waive this.${staleNote}`);
}

/** The head and every commit of the change set it reaches through parents: what a review of that head covers. */
function commitsUnder(changeSet: ChangeSet, head: string): Set<string> {
  const parents = new Map(changeSet.commits.map((c) => [c.sha, c.parents]));
  const seen = new Set<string>();
  const stack = [head];
  while (stack.length) {
    const sha = stack.pop()!;
    if (seen.has(sha) || !parents.has(sha)) continue;
    seen.add(sha);
    stack.push(...parents.get(sha)!);
  }
  return seen;
}

function short(sha: string): string {
  return sha.slice(0, 12);
}
