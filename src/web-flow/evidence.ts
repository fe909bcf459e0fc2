import type { ApprovalEvidence } from "../approvals/approval-evidence.js";
import type { ArrivalKind } from "../approvals/describe-approvers.js";
import type { Decision } from "../engine/decision.js";
import type { GitHubFacts } from "./github-facts.js";

/** Facts only GitHub knows, gathered by the app and handed to the (pure) engine. */
export interface Evidence {
  approvals?: ApprovalEvidence;
  github?: GitHubFacts;
}

/** What a first evaluation says is worth reading from GitHub: nothing is read unless a decision depends on it. */
export interface EvidenceNeeds {
  /** Blocking ownership findings an approval could waive: read the pull request's reviews. */
  approvals: boolean;
  /** The `approvers` entries those findings name (teams among them need membership reads). */
  approvers: string[];
  /** Single-parent commits GitHub's web-flow key signed: which merged pull request (if any) produced each. */
  mergedPulls: string[];
  /** A push's new HEAD: did it go through the gate (flux-warden's checks, GitHub's merge record)? */
  gate: string | null;
}

/** Derives the needs from a Decision made without evidence (`webFlow`: the policy's `signing.webFlow`). */
export function evidenceNeeds(decision: Decision, kind: ArrivalKind | undefined, webFlow: "reject" | "merge-commits"): EvidenceNeeds {
  const waivable = decision.findings.filter((f) => f.blocking && f.approval?.status === "unavailable");
  return {
    approvals: waivable.length > 0 && kind !== undefined,
    approvers: [...new Set(waivable.flatMap((f) => f.approval!.approvers))],
    // Only a squash that merge-commits could accept is worth the requests; with `reject` it fails whatever GitHub says.
    mergedPulls: webFlow === "merge-commits" ? decision.commits.filter((c) => c.webFlow?.kind === "squash" && !c.webFlow.accepted).map((c) => c.sha) : [],
    gate: kind === "push" ? decision.head : null,
  };
}

export function needsNothing(needs: EvidenceNeeds): boolean {
  return !needs.approvals && needs.mergedPulls.length === 0 && needs.gate === null;
}
