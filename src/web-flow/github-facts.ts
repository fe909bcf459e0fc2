/**
 * What GitHub knows about commits that the commits themselves cannot show — which pull request GitHub merged into a
 * commit, and whether flux-warden's own check passed on a head. The app reads it (src/app/read-commit-facts.ts); the
 * engine only reads this data.
 */

/** One of flux-warden's completed check runs on a commit: this app's, by app id (a check run's name proves nothing). */
export interface CheckFact {
  id: number;
  conclusion: string | null;
  /** What it evaluated, from its `external_id`; null when that could not be read. */
  kind: "pull_request" | "push" | "merge_group" | null;
  base: string | null;
  pull: number | null;
}

/** The merged pull request whose merge commit (`merge_commit_sha`) a commit is, per `commits/{sha}/pulls`. */
export interface MergedPullFact {
  number: number;
  /** The head GitHub merged, and its tree. */
  head: string;
  headTree: string;
}

export interface GitHubFacts {
  /** flux-warden's completed check runs, by commit sha (absent: not read). */
  checks: Record<string, CheckFact[]>;
  /** By commit sha; null: GitHub knows no merged pull request that produced it (absent: not read). */
  mergedPulls: Record<string, MergedPullFact | null>;
  /** By commit sha: what could not be read, and why. The engine fails closed on these. */
  errors: Record<string, string>;
}

/** flux-warden checks on `sha` that passed a pull request or a merge group (never a push evaluation of itself). */
export function passedGateChecks(facts: GitHubFacts, sha: string): CheckFact[] {
  return (facts.checks[sha] ?? []).filter((c) => c.conclusion === "success" && (c.kind === "pull_request" || c.kind === "merge_group"));
}

/** How a pushed head went through the gate, if it did. */
export interface GatingPull {
  /** The pull request (null for a merge-group check, which names none). */
  pull: number | null;
  /** The head flux-warden passed: the pushed head itself, or the head of the pull request GitHub merged into it. */
  head: string;
  via: "checked-head" | "github-merge";
}

/**
 * The pull request that gated `head`: flux-warden passed `head` itself on a pull request or in a merge queue (a
 * fast-forward), or `head` is GitHub's merge or squash of a pull request whose head flux-warden passed.
 */
export function gatingPull(facts: GitHubFacts, head: string): GatingPull | null {
  const own = passedGateChecks(facts, head)[0];
  if (own) return { pull: own.pull, head, via: "checked-head" };
  const merged = facts.mergedPulls[head];
  if (merged && passedGateChecks(facts, merged.head).some((c) => c.kind === "pull_request")) {
    return { pull: merged.number, head: merged.head, via: "github-merge" };
  }
  return null;
}
