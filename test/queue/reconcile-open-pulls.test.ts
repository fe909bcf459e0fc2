import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EvaluationJob } from "../../src/app/evaluation-job.js";
import type { GitHubClient } from "../../src/app/github-client.js";
import { reconcileOpenPulls, type ReconcileDeps } from "../../src/queue/reconcile-open-pulls.js";
import { openLeadership, SOLE_LEADERSHIP } from "../../src/queue/leadership.js";
import { startReconciler } from "../../src/queue/start-reconciler.js";
import { pgSchema, TEST_DATABASE_URL } from "../audit/audit-fixtures.js";
import { deferred } from "./queue-fixtures.js";

const API = "https://api.github.com";
const sha = (c: string) => c.repeat(40);
const Octokit = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, throttle: { enabled: false }, retry: { enabled: false } }));
const client = (_name: string) => new Octokit() as unknown as GitHubClient;
const pull = (number: number, head: string) => ({ number, base: { sha: sha("b") }, head: { sha: sha(head) } });
const run = (status: string, appId: number) => ({ id: 1, status, conclusion: status === "completed" ? "success" : null, app: { id: appId } });

describe("reconcileOpenPulls", () => {
  let queued: EvaluationJob[];
  let clients: number[];
  let deps: ReconcileDeps;
  beforeEach(() => {
    nock.disableNetConnect();
    queued = [];
    clients = [];
    deps = {
      appClient: async () => client("app-jwt"),
      installationClient: async (id) => (clients.push(id), client(`installation-${id}`)),
      enqueue: async (job) => (queued.push(job), { duplicate: false }),
      checkName: "flux-warden",
      appId: 99,
      now: () => new Date("2026-11-01T10:00:00Z"),
    };
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it("queues exactly the open pull-request heads that have no completed run of this app", async () => {
    const checkRuns = (ref: string, runs: unknown[]) =>
      nock(API)
        .get(`/repos/acme/fleet/commits/${ref}/check-runs`)
        .query({ check_name: "flux-warden", filter: "latest", per_page: "100" })
        .reply(200, { total_count: runs.length, check_runs: runs });
    nock(API).get("/app/installations").query({ per_page: "100", page: "1" }).reply(200, [{ id: 11 }]);
    nock(API)
      .get("/installation/repositories")
      .query({ per_page: "100", page: "1" })
      .reply(200, { total_count: 2, repositories: [{ name: "fleet", owner: { login: "acme" } }, { name: "old", owner: { login: "acme" }, archived: true }] });
    nock(API)
      .get("/repos/acme/fleet/pulls")
      .query({ state: "open", per_page: "100", page: "1" })
      .reply(200, [pull(1, "1"), pull(2, "2"), pull(3, "3"), pull(4, "4")]);
    checkRuns(sha("1"), [run("completed", 99)]);
    checkRuns(sha("2"), [run("in_progress", 99)]);
    checkRuns(sha("3"), [run("completed", 5)]); // same name, another app: not ours
    checkRuns(sha("4"), []);

    const result = await reconcileOpenPulls(deps);

    expect(nock.isDone()).toBe(true);
    expect(queued.map((j) => j.pullNumber)).toEqual([2, 3, 4]);
    expect(queued[0]).toEqual({
      key: `acme/fleet:pull_request:${sha("b")}..${sha("2")}`,
      kind: "pull_request",
      owner: "acme",
      repo: "fleet",
      base: sha("b"),
      head: sha("2"),
      installationId: 11,
      pullNumber: 2,
      forced: false,
      deliveryId: "reconcile-2026-11-01T10:00:00.000Z",
      event: "reconcile",
    });
    expect(result).toMatchObject({ repositories: 1, pulls: 4, errors: 0 });
  });

  it("reads every page, and goes on past an installation it cannot read", async () => {
    const errors: string[] = [];
    deps.onError = (_e, where) => errors.push(where);
    const many = Array.from({ length: 100 }, (_, i) => pull(i + 1, "c"));
    nock(API).get("/app/installations").query(true).reply(200, [{ id: 11 }, { id: 12 }]);
    nock(API).get("/installation/repositories").query(true).reply(500, { message: "boom" });
    nock(API)
      .get("/installation/repositories")
      .query(true)
      .reply(200, { repositories: [{ name: "fleet", owner: { login: "acme" } }] });
    nock(API).get("/repos/acme/fleet/pulls").query({ state: "open", per_page: "100", page: "1" }).reply(200, many);
    nock(API).get("/repos/acme/fleet/pulls").query({ state: "open", per_page: "100", page: "2" }).reply(200, [pull(101, "d")]);
    nock(API).get(`/repos/acme/fleet/commits/${sha("c")}/check-runs`).query(true).times(100).reply(200, { check_runs: [run("completed", 99)] });
    nock(API).get(`/repos/acme/fleet/commits/${sha("d")}/check-runs`).query(true).reply(200, { check_runs: [] });

    const result = await reconcileOpenPulls(deps);

    expect(nock.isDone()).toBe(true);
    expect(errors).toEqual(["installation 11"]);
    expect(clients).toEqual([11, 12]);
    expect(queued.map((j) => j.pullNumber)).toEqual([101]);
    expect(result).toMatchObject({ pulls: 101, errors: 1 });
  });

  it("runs a pass at start and reports it", async () => {
    nock(API).get("/app/installations").query(true).reply(200, []);
    const passed = deferred<unknown>();
    const reconciler = startReconciler({ ...deps, intervalMs: 3_600_000, leadership: SOLE_LEADERSHIP, onPass: (r) => passed.resolve(r) });
    expect(await passed.promise).toEqual({ repositories: 0, pulls: 0, queued: [], errors: 0 });
    await reconciler.stop();
  });

  it("runs passes on one replica only: the others wait until the leader is gone, then one takes over", async () => {
    const storage = { kind: "postgres" as const, url: TEST_DATABASE_URL, schema: pgSchema().name };
    const leader = openLeadership(storage, "reconciler");
    expect(await leader.leads()).toBe(true);
    const passes: unknown[] = [];
    const errors: unknown[] = [];
    let leftToLeader = 0;
    const tookOver = deferred<void>();
    // No GitHub reply is set up yet: a pass by the follower would fail (and be counted in `errors`).
    const follower = startReconciler({
      ...deps,
      intervalMs: 20,
      leadership: openLeadership(storage, "reconciler"),
      onPass: (r) => (r === null ? leftToLeader++ : (passes.push(r), tookOver.resolve())),
      onError: (e) => errors.push(e),
    });
    await new Promise((r) => setTimeout(r, 200));
    expect({ passes, errors }).toEqual({ passes: [], errors: [] });
    expect(leftToLeader).toBeGreaterThan(1);
    nock(API).get("/app/installations").query(true).reply(200, []);
    await leader.close();
    await tookOver.promise;
    await follower.stop();
    expect(passes).toEqual([{ repositories: 0, pulls: 0, queued: [], errors: 0 }]);
  });
});
