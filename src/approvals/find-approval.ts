import type { ApprovalRecord } from "../engine/decision.js";
import type { Policy } from "../policy/schema.js";
import { fold, isTeam, type ApprovalEvidence } from "./approval-evidence.js";
import type { CurrentApproval } from "./current-approvals.js";

/** The consent one path needs: any approver of any of these owning tenants. */
export interface Need {
  owners: string[];
  approvers: string[];
}

/**
 * The first current approval that satisfies `need`: its reviewer is a listed login, or an active member of a listed
 * team. A membership that could not be read is a problem, never a match — and it only matters when no other approval
 * matched (fail closed, and say why).
 */
export function findApproval(need: Need, current: CurrentApproval[], evidence: ApprovalEvidence, policy: Policy): { record?: ApprovalRecord; problems: string[] } {
  const problems: string[] = [];
  for (const tenant of need.owners) {
    for (const entry of policy.tenants[tenant]?.approvers ?? []) {
      for (const approval of current) {
        const record = { tenant, approver: entry, login: approval.login, reviewId: approval.reviewId, commit: evidence.head };
        if (!isTeam(entry)) {
          if (fold(entry) === fold(approval.login)) return { record, problems: [] };
          continue;
        }
        const fact = evidence.teams[fold(entry)]?.[fold(approval.login)];
        if (!fact) problems.push(`the membership of @${approval.login} in ${entry} was not read`);
        else if ("error" in fact) problems.push(`the membership of @${approval.login} in ${entry} could not be read (${fact.error})`);
        else if (fact.member) return { record, problems: [] };
      }
    }
  }
  return { problems: [...new Set(problems)] };
}
