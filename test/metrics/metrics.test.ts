import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import type { JobOutcome } from "../../src/app/evaluate-job.js";
import type { CommitVerdict, Finding } from "../../src/engine/decision.js";
import { createMetrics } from "../../src/metrics/create-metrics.js";
import { githubRequestKind } from "../../src/metrics/github-request-kind.js";
import { instrumentOctokit } from "../../src/metrics/instrument-octokit.js";
import { recordOutcome } from "../../src/metrics/record-outcome.js";
import { decisionFor, job } from "../queue/queue-fixtures.js";

const commit = (reason: CommitVerdict["reason"]): CommitVerdict => ({
  sha: "a".repeat(40), verified: reason === "verified", reason, signer: null, tenants: [], detail: "", subject: "", author: null, parents: [],
});
const finding = (rule: string, severity: Finding["severity"]): Finding => ({
  rule, severity, blocking: true, message: "", remediation: "", path: null, line: null, commit: null, object: null,
});

function outcome(kind: "push" | "pull_request", commits: CommitVerdict[], findings: Finding[], error: unknown = null): JobOutcome {
  const j = { ...job(1), kind, owner: "Acme", repo: "Fleet" };
  const decision = { ...decisionFor(j), conclusion: findings.length ? ("failure" as const) : ("success" as const), commits, findings };
  return { job: j, checkRunId: 1, decision: error ? null : decision, error, durationMs: 1_500 };
}

/** The value of one sample in Prometheus text output, by its exact series. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("metrics", () => {
  afterEach(() => nock.cleanAll());

  it("renders decisions, verifications, failures with repository/reason/kind, findings and durations", async () => {
    const metrics = createMetrics({ defaultMetrics: false, queueStats: async () => ({ depth: 3, oldestAgeSeconds: 620.5 }) });
    recordOutcome(metrics, outcome("pull_request", [commit("verified"), commit("verified")], []));
    recordOutcome(metrics, outcome("push", [commit("verified"), commit("unsigned")], [finding("branch/force-push", "critical"), finding("signature/unsigned-commit", "high")]));
    recordOutcome(metrics, outcome("pull_request", [], [], new Error("GitHub answered 502")));
    metrics.reconcilerCatchUps.inc(2);
    const text = await metrics.registry.metrics();

    expect(sample(text, 'flux_warden_decisions_total{conclusion="success"}')).toBe(1);
    expect(sample(text, 'flux_warden_decisions_total{conclusion="failure"}')).toBe(2);
    expect(sample(text, 'flux_warden_commit_verifications_total{outcome="verified"}')).toBe(3);
    expect(sample(text, 'flux_warden_commit_verifications_total{outcome="unsigned"}')).toBe(1);
    expect(sample(text, 'flux_warden_commit_verification_failures_total{repository="acme/fleet",reason="unsigned",kind="push"}')).toBe(1);
    expect(sample(text, 'flux_warden_findings_total{rule="branch/force-push",severity="critical"}')).toBe(1);
    expect(sample(text, 'flux_warden_evaluation_errors_total')).toBe(1);
    expect(sample(text, 'flux_warden_evaluation_duration_seconds_bucket{le="2.5"}')).toBe(3);
    expect(sample(text, 'flux_warden_evaluation_duration_seconds_bucket{le="1"}')).toBe(0);
    expect(sample(text, "flux_warden_evaluation_duration_seconds_count")).toBe(3);
    expect(sample(text, "flux_warden_queue_depth")).toBe(3);
    expect(sample(text, "flux_warden_queue_oldest_job_age_seconds")).toBe(620.5);
    expect(sample(text, "flux_warden_reconciler_catch_ups_total")).toBe(2);
    expect(text).toContain("# TYPE flux_warden_evaluation_duration_seconds histogram");
    expect(metrics.registry.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it("includes process default metrics unless turned off, in its own registry", async () => {
    const a = createMetrics();
    const b = createMetrics({ defaultMetrics: false });
    expect(await a.registry.metrics()).toContain("process_cpu_user_seconds_total");
    expect(await b.registry.metrics()).not.toContain("process_cpu_user_seconds_total");
  });

  it("labels GitHub requests by method and resource, never by owner, repository or sha", () => {
    expect(githubRequestKind("get", "/repos/{owner}/{repo}/pulls/{pull_number}/commits")).toBe("GET pulls");
    expect(githubRequestKind("GET", "https://ghe.example.com/api/v3/repos/acme/fleet/commits/abc123/check-runs?per_page=1")).toBe("GET commits");
    expect(githubRequestKind("PATCH", "/repos/acme/fleet/check-runs/12")).toBe("PATCH check-runs");
    expect(githubRequestKind("POST", "/graphql")).toBe("POST graphql");
    expect(githubRequestKind("GET", "/installation/repositories")).toBe("GET installation");
    expect(githubRequestKind("GET", "/repos/acme/fleet/{weird}")).toBe("GET other");
  });

  it("counts an Octokit's requests, failures included, and keeps the rate limit from its response headers", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const Octokit = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, throttle: { enabled: false }, retry: { enabled: false } }));
    const octokit = instrumentOctokit(new Octokit({ auth: "token test" }), metrics, 42);
    nock("https://api.github.com")
      .get("/repos/acme/fleet/pulls")
      .query(true)
      .reply(200, [], { "x-ratelimit-remaining": "4321", "x-ratelimit-resource": "core" })
      .get("/repos/acme/fleet/commits/abc/check-runs")
      .reply(404, { message: "Not Found" }, { "x-ratelimit-remaining": "4320", "x-ratelimit-resource": "core" })
      .post("/graphql")
      .reply(200, { data: { viewer: { login: "x" } } }, { "x-ratelimit-remaining": "4999", "x-ratelimit-resource": "graphql" });
    await octokit.request("GET /repos/{owner}/{repo}/pulls", { owner: "acme", repo: "fleet", state: "open" });
    await expect(octokit.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", { owner: "acme", repo: "fleet", ref: "abc" })).rejects.toMatchObject({ status: 404 });
    await octokit.graphql("{ viewer { login } }");
    expect(nock.isDone()).toBe(true);
    const text = await metrics.registry.metrics();
    expect(sample(text, 'flux_warden_github_requests_total{kind="GET pulls"}')).toBe(1);
    expect(sample(text, 'flux_warden_github_requests_total{kind="GET commits"}')).toBe(1);
    expect(sample(text, 'flux_warden_github_requests_total{kind="POST graphql"}')).toBe(1);
    expect(sample(text, 'flux_warden_github_rate_limit_remaining{installation="42",resource="core"}')).toBe(4320);
    expect(sample(text, 'flux_warden_github_rate_limit_remaining{installation="42",resource="graphql"}')).toBe(4999);
  });
});
