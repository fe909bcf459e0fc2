import { afterEach, beforeEach, describe, expect, it } from "vitest";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { MembershipCache } from "../../src/approvals/membership-cache.js";
import { readApprovals, type ApprovalsRequest } from "../../src/app/read-approvals.js";
import type { GitHubClient } from "../../src/app/github-client.js";

/** Reading reviews and team memberships through Octokit, GitHub mocked by nock: pagination, caching, failing closed. */
const API = "https://api.github.com";
const HEAD = "a".repeat(40);
const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, throttle: { enabled: false }, retry: { enabled: false } }));
const github = () => new TestOctokit({ auth: "ghs_test" }) as unknown as GitHubClient;

let memberships: MembershipCache;
const request = (over: Partial<ApprovalsRequest> = {}): ApprovalsRequest => ({ owner: "acme", repo: "fleet", installationId: 7, pull: 4, head: HEAD, approvers: ["acme/platform", "carol"], memberships, ...over });
const review = (id: number, login: string, state = "APPROVED", commit_id = HEAD) => ({ id, user: { login }, state, commit_id });

beforeEach(() => {
  memberships = new MembershipCache();
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("readApprovals", () => {
  it("reads every page of reviews, and memberships only of reviewers approving the head who are not listed by login", async () => {
    const first = Array.from({ length: 100 }, (_, i) => review(i + 1, `commenter${i}`, "COMMENTED"));
    const scope = nock(API)
      .get("/repos/acme/fleet/pulls/4/reviews").query({ per_page: "100", page: "1" }).reply(200, first)
      .get("/repos/acme/fleet/pulls/4/reviews").query({ per_page: "100", page: "2" }).reply(200, [review(101, "dana"), review(102, "carol"), review(103, "olaf", "APPROVED", "b".repeat(40))])
      .get("/orgs/acme/teams/platform/memberships/dana").reply(200, { state: "active", role: "member" });
    const evidence = await readApprovals(github(), request());
    expect(scope.isDone()).toBe(true);
    expect(evidence.reviews).toHaveLength(103);
    expect(evidence.teams).toEqual({ "acme/platform": { dana: { member: true } } });
    // Answers are reused for a minute: a second evaluation asks only for the reviews.
    nock(API).get("/repos/acme/fleet/pulls/4/reviews").query(true).reply(200, [review(101, "dana")]);
    expect((await readApprovals(github(), request())).teams).toEqual({ "acme/platform": { dana: { member: true } } });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("takes GitHub's 404 as not a member, and a pending invitation as no say", async () => {
    nock(API)
      .get("/repos/acme/fleet/pulls/4/reviews").query(true).reply(200, [review(1, "eve"), review(2, "ivy")])
      .get("/orgs/acme/teams/platform/memberships/eve").reply(404, { message: "Not Found" })
      .get("/orgs/acme/teams/platform/memberships/ivy").reply(200, { state: "pending" });
    expect((await readApprovals(github(), request())).teams).toEqual({ "acme/platform": { eve: { member: false }, ivy: { member: false } } });
  });

  it("records a membership that cannot be read (403 without members: read, 5xx) with status and request id, and asks again next time", async () => {
    nock(API)
      .get("/repos/acme/fleet/pulls/4/reviews").query(true).times(2).reply(200, [review(1, "dana")])
      .get("/orgs/acme/teams/platform/memberships/dana").reply(403, { message: "Resource not accessible by integration" }, { "x-github-request-id": "REQ:1" })
      .get("/orgs/acme/teams/platform/memberships/dana").reply(502, { message: "Server Error" });
    expect((await readApprovals(github(), request())).teams).toEqual({ "acme/platform": { dana: { error: "GitHub answered HTTP 403 (request id REQ:1)" } } });
    expect((await readApprovals(github(), request())).teams).toEqual({ "acme/platform": { dana: { error: "GitHub answered HTTP 502" } } });
  });

  it("records reviews that cannot be read, so nothing is waived", async () => {
    nock(API).get("/repos/acme/fleet/pulls/4/reviews").query(true).reply(500, { message: "boom" });
    expect(await readApprovals(github(), request())).toEqual({ pull: 4, head: HEAD, teams: {}, reviews: [], error: "GitHub answered HTTP 500" });
  });
});
