import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { createApp } from "../../src/app/create-app.js";
import type { JobOutcome } from "../../src/app/evaluate-job.js";
import { encodeExternalId, jobKey, type EvaluationJob } from "../../src/app/evaluation-job.js";
import { jobsFromEvent } from "../../src/app/jobs-from-event.js";
import { examplePayload } from "../support/webhook-examples.js";

/**
 * `pull_request_review` through a real Probot, nock standing in for GitHub: a review re-evaluates the pull request's
 * current head in a new check run even when that head already has a completed one — the evidence changed, not the code.
 */
const APP_ID = 321;
const API = "https://api.github.com";
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, throttle: { enabled: false }, retry: { enabled: false } }));

let outcomes: JobOutcome[];
let waiters: Array<() => void>;

beforeEach(() => {
  outcomes = [];
  waiters = [];
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

function reviewPayload(action: string, state: string): Record<string, any> {
  const payload = examplePayload("pull_request_review", action);
  payload.installation = { id: 77 };
  payload.review.state = state;
  return payload;
}

describe("pull_request_review", () => {
  it.each([
    ["submitted", "approved"],
    ["dismissed", "dismissed"],
  ])("%s (%s): evaluates the pull request's head again, in a new run, although a completed run exists", async (action, state) => {
    const probot = new Probot({ appId: APP_ID, privateKey, Octokit: TestOctokit, logLevel: "fatal" });
    await probot.load(createApp({ appId: APP_ID, checkName: "flux-warden", timeoutMs: 30_000, concurrency: 1, onOutcome: (o) => (outcomes.push(o), waiters.splice(0).forEach((w) => w())) }));
    const payload = reviewPayload(action, state);
    const pr = payload.pull_request;
    const repo = `/repos/${payload.repository.owner.login}/${payload.repository.name}`;
    const fields = { kind: "pull_request" as const, base: pr.base.sha, head: pr.head.sha, pullNumber: pr.number, forced: false };
    const decided = encodeExternalId({ ...fields, key: "", installationId: 77, owner: "", repo: "", deliveryId: "", event: "" });
    let created: Record<string, any> | undefined;
    const scope = nock(API)
      .post("/app/installations/77/access_tokens").reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z", permissions: {} })
      .get(`${repo}/commits/${pr.head.sha}/check-runs`).query(true).reply(200, { total_count: 1, check_runs: [{ id: 3, status: "completed", external_id: decided }] })
      .post(`${repo}/check-runs`, (body) => ((created = body), true)).reply(201, { id: 4 })
      .get(/.*/).reply(500, { message: "boom" })
      .patch(`${repo}/check-runs/4`).reply(200, { id: 4 });
    const done = new Promise<void>((resolve) => waiters.push(resolve));
    await probot.receive({ name: "pull_request_review", id: `review-${action}`, payload } as any);
    await done;
    expect(scope.isDone()).toBe(true);
    expect(created).toMatchObject({ head_sha: pr.head.sha, status: "in_progress", external_id: decided });
    expect(outcomes[0]!.job).toMatchObject({ ...fields, event: `pull_request_review.${action}` });
  });
});

describe("jobsFromEvent: pull_request_review", () => {
  const map = (action: string, state: string, edit: (p: Record<string, any>) => void = () => {}) => {
    // The examples hold submitted and dismissed deliveries only: other actions reuse a submitted one.
    const payload = reviewPayload(action === "dismissed" ? "dismissed" : "submitted", state);
    payload.action = action;
    edit(payload);
    return jobsFromEvent({ name: "pull_request_review", id: "d", payload, appId: APP_ID });
  };

  it("maps submitted, edited and dismissed reviews to the pull request's head, keyed like any evaluation of it", () => {
    for (const [action, state] of [["submitted", "approved"], ["submitted", "changes_requested"], ["edited", "approved"], ["dismissed", "dismissed"]] as const) {
      const { jobs } = map(action, state);
      const job = jobs[0] as EvaluationJob;
      expect(job).toMatchObject({ kind: "pull_request", event: `pull_request_review.${action}` });
      expect(job.key).toBe(jobKey(job));
    }
  });

  it("ignores comments, closed pull requests and other actions", () => {
    expect(map("submitted", "commented").ignored).toContain("a comment changes no approval");
    expect(map("submitted", "approved", (p) => (p.pull_request.state = "closed")).ignored).toContain("closed pull request");
    expect(map("deleted", "approved").ignored).toContain("nothing to evaluate");
  });
});
