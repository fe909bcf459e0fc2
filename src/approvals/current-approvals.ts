import { fold, type ReviewFact } from "./approval-evidence.js";

/** A reviewer whose latest decision is an approval. */
export interface CurrentApproval {
  login: string;
  reviewId: number;
  commit: string | null;
}

/**
 * Each reviewer's standing decision, as GitHub shows it on the pull request: the latest review that is an approval,
 * a change request or a dismissal (comments and pending drafts change nothing). `current` holds approvals made on
 * `head`; `stale` approvals were made on an earlier head, so a push since then has outdated them.
 */
export function currentApprovals(reviews: ReviewFact[], head: string): { current: CurrentApproval[]; stale: CurrentApproval[] } {
  const latest = new Map<string, ReviewFact>();
  for (const review of reviews) {
    if (!["APPROVED", "CHANGES_REQUESTED", "DISMISSED"].includes(review.state)) continue;
    latest.set(fold(review.login), review);
  }
  const current: CurrentApproval[] = [];
  const stale: CurrentApproval[] = [];
  for (const review of latest.values()) {
    if (review.state !== "APPROVED") continue;
    (review.commitId === head ? current : stale).push({ login: review.login, reviewId: review.id, commit: review.commitId });
  }
  return { current, stale };
}
