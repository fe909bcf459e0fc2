import type { ApprovalEvidence } from "../approvals/approval-evidence.js";
import type { MembershipCache } from "../approvals/membership-cache.js";
import type { Evidence, EvidenceNeeds } from "../web-flow/evidence.js";
import { gatingPull } from "../web-flow/github-facts.js";
import type { EvaluationJob } from "./evaluation-job.js";
import type { GitHubClient } from "./github-client.js";
import { readApprovals } from "./read-approvals.js";
import { CommitFactsReader } from "./read-commit-facts.js";

export interface GatherOptions {
  github: GitHubClient;
  job: EvaluationJob;
  checkName: string;
  appId: number;
  memberships: MembershipCache;
}

/**
 * The app's side of the two-step evaluation: reads exactly what `needs` asks for, in this order —
 * 1. a push's head: flux-warden's checks on it (1 request); only if none passed, the pull request GitHub merged into
 *    it (1, or 3 with that head's tree and checks);
 * 2. each squash candidate: the same merged-pull-request read (1 or 3), shared with step 1;
 * 3. approvals: the reviews (1 per 100) of the pull request being evaluated — for a merge group, of the pull request
 *    it was made for (1 more to read its head); for a push, of the pull request that gated it (step 1) — and team
 *    memberships of reviewers approving the head (1 each, cached for a minute).
 */
export function createEvidenceGatherer(options: GatherOptions): (needs: EvidenceNeeds) => Promise<Evidence> {
  const { github, job } = options;
  return async (needs) => {
    const reader = new CommitFactsReader(github, { owner: job.owner, repo: job.repo, checkName: options.checkName, appId: options.appId });
    if (needs.gate) {
      await reader.readChecks(needs.gate);
      if (!gatingPull(reader.facts, needs.gate)) await reader.readMergedPull(needs.gate);
    }
    for (const sha of needs.mergedPulls) await reader.readMergedPull(sha);
    let approvals: ApprovalEvidence | undefined;
    if (needs.approvals) {
      const gate = needs.gate ? gatingPull(reader.facts, needs.gate) : null;
      const target =
        job.kind === "pull_request" && job.pullNumber
          ? { pull: job.pullNumber, head: job.head }
          : job.kind === "merge_group" && job.pullNumber
            ? await queuedPullHead(github, job, job.pullNumber)
            : gate?.pull
              ? { pull: gate.pull, head: gate.head }
              : null;
      if (target) {
        approvals = await readApprovals(github, { owner: job.owner, repo: job.repo, installationId: job.installationId, ...target, approvers: needs.approvers, memberships: options.memberships });
      }
    }
    return { github: reader.facts, ...(approvals ? { approvals } : {}) };
  };
}

/**
 * A merge group's pull request and its head: a pull request cannot be pushed to while it waits in the queue, so its
 * head now is the head that was queued, and reviews on it count as they do on the pull request. Unreadable: no
 * approvals (the finding stays blocking and says so).
 */
async function queuedPullHead(github: GitHubClient, job: EvaluationJob, pull: number): Promise<{ pull: number; head: string } | null> {
  try {
    const { data } = await github.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: job.owner, repo: job.repo, pull_number: pull });
    const head = (data as { head?: { sha?: unknown } }).head?.sha;
    return typeof head === "string" ? { pull, head } : null;
  } catch {
    return null;
  }
}
