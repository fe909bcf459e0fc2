import { fold, isTeam, type ApprovalEvidence, type MembershipFact, type ReviewFact } from "../approvals/approval-evidence.js";
import { currentApprovals } from "../approvals/current-approvals.js";
import type { MembershipCache } from "../approvals/membership-cache.js";
import type { GitHubClient } from "./github-client.js";
import { describeReadError } from "./read-commit-facts.js";

export interface ApprovalsRequest {
  owner: string;
  repo: string;
  installationId: number;
  pull: number;
  /** The head approvals must be on. */
  head: string;
  /** The `approvers` entries the waivable findings name. */
  approvers: string[];
  memberships: MembershipCache;
}

/** Pages of 100 reviews at most: past this a later dismissal could go unseen, so the read fails (closed). */
const MAX_REVIEW_PAGES = 10;

/**
 * Reads what the engine needs to decide approvals: the pull request's reviews (every page), then — only for reviewers
 * whose standing review approves the head and who are not listed by login — their membership in the listed teams
 * (`GET /orgs/{org}/teams/{slug}/memberships/{login}`, `members: read`), reused for a minute. Never throws: an
 * unreadable review list or membership is recorded, and nothing it would have confirmed is waived.
 */
export async function readApprovals(github: GitHubClient, request: ApprovalsRequest): Promise<ApprovalEvidence> {
  const base = { pull: request.pull, head: request.head, teams: {} };
  let reviews: ReviewFact[];
  try {
    reviews = await readReviews(github, request);
  } catch (error) {
    return { ...base, reviews: [], error: error instanceof ReviewLimitError ? error.message : describeReadError(error) };
  }
  const direct = new Set(request.approvers.filter((a) => !isTeam(a)).map(fold));
  const teams: Record<string, Record<string, MembershipFact>> = {};
  for (const { login } of currentApprovals(reviews, request.head).current) {
    if (direct.has(fold(login))) continue;
    for (const team of request.approvers.filter(isTeam)) {
      (teams[fold(team)] ??= {})[fold(login)] = await membership(github, request, team, login);
    }
  }
  return { ...base, reviews, teams };
}

class ReviewLimitError extends Error {}

async function readReviews(github: GitHubClient, request: ApprovalsRequest): Promise<ReviewFact[]> {
  const reviews: ReviewFact[] = [];
  for (let page = 1; page <= MAX_REVIEW_PAGES; page++) {
    const { data } = await github.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", { owner: request.owner, repo: request.repo, pull_number: request.pull, per_page: 100, page });
    const batch = (data ?? []) as Array<{ id: number; user?: { login?: string } | null; state?: string; commit_id?: string | null }>;
    // A deleted account shows as a null user ("ghost"): it can approve nothing.
    for (const r of batch) reviews.push({ id: r.id, login: r.user?.login ?? "", state: r.state ?? "", commitId: r.commit_id ?? null });
    if (batch.length < 100) return reviews;
  }
  throw new ReviewLimitError(`pull request #${request.pull} has more than ${MAX_REVIEW_PAGES * 100} reviews; flux-warden reads no further`);
}

async function membership(github: GitHubClient, request: ApprovalsRequest, team: string, login: string): Promise<MembershipFact> {
  const [org = "", slug = ""] = team.split("/");
  const cached = request.memberships.get(request.installationId, team, login);
  if (cached !== undefined) return { member: cached };
  try {
    const { data } = await github.request("GET /orgs/{org}/teams/{team_slug}/memberships/{username}", { org, team_slug: slug, username: login });
    // `pending`: invited, not yet a member — no say yet.
    const member = (data as { state?: string }).state === "active";
    request.memberships.set(request.installationId, team, login, member);
    return { member };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    // GitHub answers 404 both for "not a member" and for a team the app cannot see: either way, no approval.
    if (status === 404) {
      request.memberships.set(request.installationId, team, login, false);
      return { member: false };
    }
    return { error: describeReadError(error) };
  }
}
