import { afterEach, beforeEach, describe, expect, it } from "vitest";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { MembershipCache } from "../../src/approvals/membership-cache.js";
import { createEvidenceGatherer } from "../../src/app/gather-evidence.js";
import { encodeExternalId, jobKey, type EvaluationJob } from "../../src/app/evaluation-job.js";
import type { GitHubClient } from "../../src/app/github-client.js";

/** The app's evidence reads, GitHub mocked by nock: exactly the requests a need calls for, in order, none more. */
const API = "https://api.github.com";
const APP_ID = 321;
const [BEFORE, MERGE, PR_HEAD, TREE] = ["1", "2", "3", "4"].map((c) => c.repeat(40)) as [string, string, string, string];
const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, throttle: { enabled: false }, retry: { enabled: false } }));

function gatherer(kind: EvaluationJob["kind"], head: string, pullNumber: number | null = null) {
  const fields = { kind, base: BEFORE, head, pullNumber, forced: false, installationId: 7, owner: "acme", repo: "fleet", deliveryId: "d", event: kind };
  const job: EvaluationJob = { ...fields, key: jobKey(fields) };
  return createEvidenceGatherer({ github: new TestOctokit({ auth: "ghs_test" }) as unknown as GitHubClient, job, checkName: "flux-warden", appId: APP_ID, memberships: new MembershipCache() });
}

const run = (over: Record<string, unknown>) => ({ id: 1, status: "completed", conclusion: "success", app: { id: APP_ID }, ...over });
const prRunExternalId = encodeExternalId({ kind: "pull_request", base: BEFORE, head: PR_HEAD, pullNumber: 12, forced: false } as EvaluationJob);

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("createEvidenceGatherer", () => {
  it("for a push of GitHub's merge: its checks, GitHub's merge record, the merged head's tree and checks, then that pull request's reviews", async () => {
    const scope = nock(API)
      .get(`/repos/acme/fleet/commits/${MERGE}/check-runs`).query({ check_name: "flux-warden", filter: "all", per_page: "100" })
      .reply(200, { check_runs: [run({ id: 5, status: "in_progress", conclusion: null }), run({ id: 4, external_id: `push:${BEFORE}:${MERGE}::` })] })
      .get(`/repos/acme/fleet/commits/${MERGE}/pulls`).query(true)
      .reply(200, [{ number: 11, merged_at: null, merge_commit_sha: "f".repeat(40), head: { sha: "9".repeat(40) } }, { number: 12, merged_at: "2026-01-01T00:00:00Z", merge_commit_sha: MERGE, head: { sha: PR_HEAD } }])
      .get(`/repos/acme/fleet/git/commits/${PR_HEAD}`).reply(200, { sha: PR_HEAD, tree: { sha: TREE } })
      .get(`/repos/acme/fleet/commits/${PR_HEAD}/check-runs`).query(true)
      // A run of another app with the same name proves nothing.
      .reply(200, { check_runs: [run({ id: 9, app: { id: 999 }, external_id: prRunExternalId }), run({ id: 3, external_id: prRunExternalId })] })
      .get("/repos/acme/fleet/pulls/12/reviews").query(true).reply(200, [{ id: 77, user: { login: "dana" }, state: "APPROVED", commit_id: PR_HEAD }])
      .get("/orgs/acme/teams/platform/memberships/dana").reply(500, { message: "boom" });
    const evidence = await gatherer("push", MERGE)({ approvals: true, approvers: ["acme/platform"], mergedPulls: [MERGE], gate: MERGE });
    expect(scope.isDone()).toBe(true);
    expect(evidence.github).toEqual({
      checks: { [MERGE]: [{ id: 4, conclusion: "success", kind: "push", base: BEFORE, pull: null }], [PR_HEAD]: [{ id: 3, conclusion: "success", kind: "pull_request", base: BEFORE, pull: 12 }] },
      mergedPulls: { [MERGE]: { number: 12, head: PR_HEAD, headTree: TREE } },
      errors: {},
    });
    expect(evidence.approvals).toMatchObject({ pull: 12, head: PR_HEAD, teams: { "acme/platform": { dana: { error: "GitHub answered HTTP 500" } } } });
  });

  it("for a merge group, reads the queued pull request's head, then its reviews", async () => {
    const scope = nock(API)
      .get("/repos/acme/fleet/pulls/104").reply(200, { number: 104, head: { sha: PR_HEAD } })
      .get("/repos/acme/fleet/pulls/104/reviews").query(true).reply(200, [{ id: 5, user: { login: "carol" }, state: "APPROVED", commit_id: PR_HEAD }]);
    const evidence = await gatherer("merge_group", MERGE, 104)({ approvals: true, approvers: ["carol"], mergedPulls: [], gate: null });
    expect(scope.isDone()).toBe(true);
    expect(evidence.approvals).toMatchObject({ pull: 104, head: PR_HEAD, reviews: [{ id: 5, login: "carol", commitId: PR_HEAD }] });
  });

  it("for a fast-forward to a passed head, reads its checks only", async () => {
    const scope = nock(API).get(`/repos/acme/fleet/commits/${PR_HEAD}/check-runs`).query(true).reply(200, { check_runs: [run({ external_id: prRunExternalId })] });
    const evidence = await gatherer("push", PR_HEAD)({ approvals: false, approvers: [], mergedPulls: [], gate: PR_HEAD });
    expect(scope.isDone()).toBe(true);
    expect(evidence.approvals).toBeUndefined();
  });

  it("records what could not be read instead of throwing", async () => {
    nock(API).get(`/repos/acme/fleet/commits/${MERGE}/pulls`).query(true).reply(502, { message: "bad gateway" }, { "x-github-request-id": "R:2" });
    const evidence = await gatherer("pull_request", PR_HEAD, 12)({ approvals: false, approvers: [], mergedPulls: [MERGE], gate: null });
    expect(evidence.github!.errors).toEqual({ [MERGE]: `reading the pull request GitHub merged into ${MERGE.slice(0, 12)}: GitHub answered HTTP 502 (request id R:2)` });
  });
});
