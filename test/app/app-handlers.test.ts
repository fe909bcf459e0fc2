import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { createApp } from "../../src/app/create-app.js";
import type { JobOutcome } from "../../src/app/evaluate-job.js";
import { encodeExternalId } from "../../src/app/evaluation-job.js";
import { examplePayload } from "../support/webhook-examples.js";

/**
 * Each handler through a real Probot, with nock standing in for GitHub at the HTTP boundary. The full evaluation path
 * is covered end to end against the fake GitHub (test/e2e); here: which events evaluate, which check-run requests they
 * make, and that every failure completes the run as `failure` with an explanation.
 */
const APP_ID = 321;
const API = "https://api.github.com";
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, throttle: { enabled: false }, retry: { enabled: false } }));

let outcomes: JobOutcome[];
let waiters: Array<() => void>;

async function makeProbot(timeoutMs = 30_000): Promise<Probot> {
  const probot = new Probot({ appId: APP_ID, privateKey, Octokit: TestOctokit, logLevel: "fatal" });
  await probot.load(
    createApp({
      appId: APP_ID,
      checkName: "flux-warden",
      timeoutMs,
      concurrency: 2,
      onOutcome: (o) => {
        outcomes.push(o);
        waiters.splice(0).forEach((w) => w());
      },
    }),
  );
  return probot;
}

function nextOutcome(): Promise<void> {
  return new Promise((resolve) => waiters.push(resolve));
}

function prPayload(action = "opened"): Record<string, any> {
  const payload = examplePayload("pull_request", action);
  payload.installation = { id: 77 };
  return payload;
}

function repoPath(payload: Record<string, any>): string {
  return `/repos/${payload.repository.owner.login}/${payload.repository.name}`;
}

function mockToken() {
  return nock(API).post("/app/installations/77/access_tokens").reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z", permissions: {} });
}

beforeEach(() => {
  outcomes = [];
  waiters = [];
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("webhook handlers", () => {
  it("pull_request.opened: creates the run in progress, and completes it as failure with status and request id when GitHub errors", async () => {
    const probot = await makeProbot();
    const payload = prPayload();
    const repo = repoPath(payload);
    const head = payload.pull_request.head.sha;
    const bodies: Array<Record<string, any>> = [];
    const scope = mockToken()
      .get(`${repo}/commits/${head}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post(`${repo}/check-runs`, (body) => (bodies.push(body), true))
      .reply(201, { id: 555 })
      .get(/.*/)
      .reply(502, { message: "Server Error" }, { "x-github-request-id": "ABCD:1234:5678" })
      .patch(`${repo}/check-runs/555`, (body) => (bodies.push(body), true))
      .reply(200, { id: 555 });
    const done = nextOutcome();
    await probot.receive({ name: "pull_request", id: "delivery-1", payload } as any);
    await done;
    expect(scope.isDone()).toBe(true);
    expect(bodies[0]).toMatchObject({ name: "flux-warden", head_sha: head, status: "in_progress", external_id: encodeExternalId(outcomes[0]!.job) });
    expect(bodies[1]).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "flux-warden could not evaluate this change" } });
    expect(bodies[1]!.output.summary).toContain("GitHub answered HTTP 502 (request id `ABCD:1234:5678`)");
    expect(bodies[1]!.output.summary).toContain("was **not** approved");
    expect(bodies[1]!.output.summary).toContain("Delivery `delivery-1` (pull_request.opened)");
    expect(outcomes[0]).toMatchObject({ checkRunId: 555, decision: null });
  });

  it("a redelivery while the run is still in progress takes over that run instead of creating another", async () => {
    const probot = await makeProbot();
    const payload = prPayload("synchronize");
    const repo = repoPath(payload);
    const head = payload.pull_request.head.sha;
    const patches: Array<Record<string, any>> = [];
    const scope = mockToken()
      .get(`${repo}/commits/${head}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [{ id: 9, status: "in_progress", external_id: "whatever" }] })
      .patch(`${repo}/check-runs/9`, (body) => (patches.push(body), true))
      .times(2)
      .reply(200, { id: 9 })
      .get(/.*/)
      .reply(500, { message: "boom" });
    const done = nextOutcome();
    await probot.receive({ name: "pull_request", id: "again", payload } as any);
    await done;
    expect(scope.isDone()).toBe(true);
    expect(patches.map((p) => p.status)).toEqual(["in_progress", "completed"]);
  });

  it("a redelivery of a change that already has a completed run writes nothing", async () => {
    const probot = await makeProbot();
    const payload = prPayload("opened");
    const repo = repoPath(payload);
    const head = payload.pull_request.head.sha;
    const job = { kind: "pull_request", base: payload.pull_request.base.sha, head, pullNumber: payload.pull_request.number, forced: false } as const;
    const externalId = encodeExternalId({ ...job, key: "", installationId: 77, owner: "", repo: "", deliveryId: "", event: "" });
    const scope = mockToken().get(`${repo}/commits/${head}/check-runs`).query(true).reply(200, { total_count: 1, check_runs: [{ id: 3, status: "completed", external_id: externalId }] });
    await probot.receive({ name: "pull_request", id: "redelivered", payload } as any);
    await new Promise((r) => setTimeout(r, 200));
    expect(scope.isDone()).toBe(true);
    expect(outcomes).toEqual([]); // nothing evaluated, nothing recorded
  });

  it("check_run.rerequested evaluates again in a new run even when one completed", async () => {
    const probot = await makeProbot();
    const payload = examplePayload("check_run", "rerequested");
    payload.installation = { id: 77 };
    payload.check_run.app.id = APP_ID;
    const repo = repoPath(payload);
    const head = payload.check_run.head_sha;
    payload.check_run.external_id = `push:${"a".repeat(40)}:${head}::`;
    const scope = mockToken()
      .get(`${repo}/commits/${head}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [{ id: 3, status: "completed", external_id: payload.check_run.external_id }] })
      .post(`${repo}/check-runs`)
      .reply(201, { id: 4 })
      .get(/.*/)
      .reply(500, { message: "boom" })
      .patch(`${repo}/check-runs/4`)
      .reply(200, { id: 4 });
    const done = nextOutcome();
    await probot.receive({ name: "check_run", id: "rerun", payload } as any);
    await done;
    expect(scope.isDone()).toBe(true);
    expect(outcomes[0]!.job).toMatchObject({ kind: "push", base: "a".repeat(40), head, event: "check_run.rerequested" });
  });

  it("a slow evaluation ends in failure at its deadline, never stays in progress", async () => {
    const probot = await makeProbot(300);
    const payload = prPayload();
    const repo = repoPath(payload);
    const head = payload.pull_request.head.sha;
    let final: Record<string, any> | undefined;
    mockToken()
      .get(`${repo}/commits/${head}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post(`${repo}/check-runs`)
      .reply(201, { id: 8 })
      .get(/.*/)
      .delay(5_000)
      .reply(200, {})
      .patch(`${repo}/check-runs/8`, (body) => ((final = body), true))
      .reply(200, { id: 8 });
    const done = nextOutcome();
    await probot.receive({ name: "pull_request", id: "slow", payload } as any);
    await done;
    expect(final).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(final!.output.summary).toContain("did not finish within 300 ms");
  });

  it("merge_group.checks_requested puts the run on the merge group's head", async () => {
    const probot = await makeProbot();
    const payload = examplePayload("merge_group", "checks_requested");
    payload.installation = { id: 77 };
    const repo = repoPath(payload);
    let created: Record<string, any> | undefined;
    mockToken()
      .get(`${repo}/commits/${payload.merge_group.head_sha}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post(`${repo}/check-runs`, (body) => ((created = body), true))
      .reply(201, { id: 1 })
      .get(/.*/)
      .reply(500, {})
      .patch(`${repo}/check-runs/1`)
      .reply(200, {});
    const done = nextOutcome();
    await probot.receive({ name: "merge_group", id: "mq", payload } as any);
    await done;
    expect(created).toMatchObject({ head_sha: payload.merge_group.head_sha, external_id: expect.stringMatching(/^merge_group:/) });
  });

  it.each([
    ["check_suite of another app", "check_suite", () => {
      const p = examplePayload("check_suite", "requested");
      p.check_suite.app.id = APP_ID + 1;
      return p;
    }],
    ["a closed pull request", "pull_request", () => examplePayload("pull_request", "closed")],
    ["an installation event", "installation", () => examplePayload("installation", "created")],
  ])("%s makes no request to GitHub at all", async (_label, name, build) => {
    const probot = await makeProbot();
    const payload = build();
    payload.installation ??= { id: 77 };
    const attempts: string[] = [];
    const record = (req: { method?: string; path?: string }) => attempts.push(`${req.method} ${req.path}`);
    nock.emitter.on("no match", record);
    try {
      await probot.receive({ name, id: "quiet", payload } as any);
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      nock.emitter.removeListener("no match", record);
    }
    expect(outcomes).toEqual([]);
    expect(attempts).toEqual([]);
  });
});
