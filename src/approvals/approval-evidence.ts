/**
 * What the app reads from GitHub so the engine can decide whether an approval waives an `ownership/wrong-tenant`
 * finding. Plain data (the engine stays pure, and the same evidence always gives the same Decision).
 */

/** One pull-request review, as `GET /repos/{o}/{r}/pulls/{n}/reviews` lists it (oldest first). */
export interface ReviewFact {
  id: number;
  login: string;
  /** `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED`, `PENDING`. */
  state: string;
  /** The head the review was made on. */
  commitId: string | null;
}

/** A team membership as read: `member` false for GitHub's 404, `error` when it could not be read (fail closed). */
export type MembershipFact = { member: boolean } | { error: string };

export interface ApprovalEvidence {
  pull: number;
  /**
   * The head an approval must be on: the pull request's current head (a later push makes earlier approvals stale, as
   * GitHub's "dismiss stale pull request approvals" does). For a push, the head of the pull request that gated it.
   */
  head: string;
  reviews: ReviewFact[];
  /** `org/team-slug` → login → membership, lower-case keys. Only the pairs that mattered were read. */
  teams: Record<string, Record<string, MembershipFact>>;
  /** Set when the reviews themselves could not be read: nothing is waived. */
  error?: string;
}

/** Lower-case, as GitHub compares logins, orgs and team slugs. */
export function fold(name: string): string {
  return name.toLowerCase();
}

/** True for an `approvers` entry naming a team (`org/team-slug`) rather than a login. */
export function isTeam(entry: string): boolean {
  return entry.includes("/");
}
