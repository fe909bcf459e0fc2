import type { SourceCommit } from "../sources/change-set.js";
import { treeOfPayload } from "./commit-tree.js";
import type { GitHubFacts } from "./github-facts.js";
import { short, type WebFlowOutcome } from "./judge-merge.js";

/**
 * GitHub's squash of a verified pull request. A single-parent commit GitHub signed is a squash only if GitHub says so
 * (a merged pull request whose `merge_commit_sha` it is) — otherwise it is a web-UI edit or a commit made in a fork.
 * It is accepted iff its tree equals the tree of the pull request's head that flux-warden passed, and its parent is
 * the base that check evaluated the head against: then the squash is exactly the verified change, on the verified
 * base. flux-warden's own record (the check run's `external_id`) names that base; GitHub's `base.sha` of a merged
 * pull request is not documented to be the base at merge time, so it is not relied on.
 */
export function judgeSquash(commit: SourceCommit, facts: GitHubFacts | undefined): WebFlowOutcome {
  if (!facts) {
    return { accepted: false, detail: "a squash by GitHub is accepted only with GitHub's record of the pull request it merged, which the app reads (a local check has none)" };
  }
  const error = facts.errors[commit.sha];
  if (error) return { accepted: false, detail: `GitHub's record of the pull request behind it could not be read (${error}), so it is not accepted` };
  const pull = facts.mergedPulls[commit.sha];
  if (pull === undefined) return { accepted: false, detail: "GitHub's record of the pull request behind it was not read" };
  if (pull === null) {
    return { accepted: false, detail: "GitHub knows no merged pull request whose merge commit it is: a web-UI edit, or a commit GitHub signed elsewhere (a fork)" };
  }
  const pr = `pull request #${pull.number}`;
  const tree = treeOfPayload(commit.payload);
  if (tree !== pull.headTree) {
    return {
      accepted: false,
      pull: pull.number,
      detail: `its tree ${short(tree ?? "?")} differs from the tree ${short(pull.headTree)} of ${pr}'s head ${short(pull.head)}: it carries changes the pull request's check never saw (the pull request was not up to date with its base, or the squash was altered)`,
    };
  }
  if (facts.errors[pull.head]) return { accepted: false, pull: pull.number, detail: `flux-warden's checks on ${pr}'s head could not be read (${facts.errors[pull.head]})` };
  const runs = facts.checks[pull.head] ?? [];
  const passed = runs.filter((c) => c.conclusion === "success" && c.kind === "pull_request");
  if (passed.length === 0) {
    const latest = runs[0];
    return { accepted: false, pull: pull.number, detail: `flux-warden's check on ${pr}'s head ${short(pull.head)} ${latest ? `concluded ${latest.conclusion ?? "nothing"}` : "never completed"}, so the squashed change was not verified` };
  }
  const parent = commit.parents[0] ?? "";
  if (!passed.some((c) => c.base === parent)) {
    const bases = [...new Set(passed.map((c) => short(c.base ?? "?")))].join(", ");
    return { accepted: false, pull: pull.number, detail: `its parent ${short(parent)} is not the base ${pr} was verified against (${bases}): the pull request was not up to date with its base when it was squashed` };
  }
  return { accepted: true, pull: pull.number, detail: `GitHub's squash of ${pr}: its tree is the verified head ${short(pull.head)}'s, on the base it was verified against` };
}
