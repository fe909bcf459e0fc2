import { afterEach, beforeEach, expect, it } from "vitest";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { CheckRunReporter } from "../../src/app/check-run-reporter.js";
import { jobKey, type EvaluationJob } from "../../src/app/evaluation-job.js";
import type { GitHubClient } from "../../src/app/github-client.js";
import type { Decision, Finding } from "../../src/engine/decision.js";

const API = "https://api.github.com";
const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, throttle: { enabled: false }, retry: { enabled: false } }));
const fields = { kind: "pull_request" as const, base: "a".repeat(40), head: "b".repeat(40), pullNumber: 1, forced: false, installationId: 1, owner: "acme", repo: "fleet", deliveryId: "d", event: "pull_request.opened" };
const job: EvaluationJob = { ...fields, key: jobKey(fields) };

function finding(path: string, i: number): Finding {
  return { rule: "guard/network-policy-deleted", severity: "high", blocking: true, message: `m${i}`, remediation: "r.", path, line: i + 1, commit: null, object: null };
}

function decision(findings: Finding[]): Decision {
  return {
    version: 1, conclusion: "failure", base: job.base, head: job.head, mode: "every-commit",
    policy: { path: ".github/flux-warden.yml", ref: job.base, blob: null, source: "base" },
    keys: [], keyProblems: [], commits: [], findings, tenants: {}, skipped: [],
  };
}

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

it("completes the run even when GitHub refuses an annotation batch (a path gone at head), and sends every batch", async () => {
  const bodies: Array<Record<string, any>> = [];
  const findings = Array.from({ length: 60 }, (_, i) => finding(i < 50 ? "deleted/netpol.yaml" : "kept.yaml", i));
  const scope = nock(API)
    .patch("/repos/acme/fleet/check-runs/7", (b) => (bodies.push(b), b.output.annotations?.length === 50))
    .reply(422, { message: "Validation Failed" })
    .patch("/repos/acme/fleet/check-runs/7", (b) => (bodies.push(b), true))
    .times(2)
    .reply(200, {});
  const reporter = new CheckRunReporter(new TestOctokit({ auth: "t" }) as unknown as GitHubClient, job, "flux-warden", () => new Date(0));
  await reporter.complete(7, decision(findings));
  expect(scope.isDone()).toBe(true);
  expect(bodies.map((b) => [b.conclusion ?? null, b.output.annotations?.length ?? 0])).toEqual([
    ["failure", 50], // refused
    ["failure", 0], // the conclusion and summary still land
    [null, 10], // the next batch is still sent
  ]);
});

it("does not hide other errors: a 500 fails the completion (the worker then fails the run closed)", async () => {
  nock(API).patch("/repos/acme/fleet/check-runs/7").reply(500, { message: "boom" });
  const reporter = new CheckRunReporter(new TestOctokit({ auth: "t" }) as unknown as GitHubClient, job, "flux-warden", () => new Date(0));
  await expect(reporter.complete(7, decision([finding("x.yaml", 0)]))).rejects.toMatchObject({ status: 500 });
});
