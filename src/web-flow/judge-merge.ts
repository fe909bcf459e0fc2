import type { SourceCommit } from "../sources/change-set.js";

/** What the web-flow judgement knows of a parent: a commit of the range (verified or not), or already on the base. */
export type ParentStatus = "verified" | "unverified" | "not-judged" | "on-base";

export interface WebFlowOutcome {
  accepted: boolean;
  detail: string;
  pull?: number;
}

/**
 * GitHub's merge commit of verified changes: two parents, each either a commit of the evaluated range that verified
 * (or is itself an accepted GitHub merge) or a commit already on the base branch — a parent outside `base..head` is
 * reachable from the base by definition, e.g. the earlier base tip an "Update branch" merge brings in — and no content
 * of its own: its combined diff is empty, so every line it brings was in a parent and was judged there (ownership
 * included). A conflict resolved in GitHub's editor is content nobody signed, and fails.
 */
export function judgeMerge(commit: SourceCommit, statusOf: (sha: string) => ParentStatus): WebFlowOutcome {
  if (commit.files.length > 0) {
    const paths = commit.files.map((f) => f.path);
    const sample = paths.slice(0, 3).join(", ") + (paths.length > 3 ? `, … (${paths.length} paths)` : "");
    return { accepted: false, detail: `the merge introduces content of its own (${sample}): a conflict resolution or an edit made in GitHub, which no tenant signed` };
  }
  for (const parent of commit.parents) {
    const status = statusOf(parent);
    if (status === "unverified") return { accepted: false, detail: `its parent ${short(parent)} did not verify, so the merge brings in unverified changes` };
    if (status === "not-judged") {
      return { accepted: false, detail: `its parent ${short(parent)} was not verified: signing.mode head verifies only HEAD, so what a merge brings in is unverified (use signing.mode every-commit with webFlow: merge-commits)` };
    }
  }
  return { accepted: true, detail: "GitHub's merge of verified commits: every parent verified or already on the base branch, and no content of its own" };
}

export function short(sha: string): string {
  return sha.slice(0, 12);
}
