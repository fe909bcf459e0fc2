import { describe, expect, it } from "vitest";
import { jobsFromEvent } from "../../src/app/jobs-from-event.js";
import { decodeExternalId, encodeExternalId } from "../../src/app/evaluation-job.js";
import { examplePayload } from "../support/webhook-examples.js";

const APP_ID = 4242;
const SHA_A = "a".repeat(40);
const SHA_B = "b".repeat(40);

function withInstallation(payload: Record<string, any>): Record<string, any> {
  payload.installation ??= { id: 77 };
  return payload;
}

describe("jobsFromEvent", () => {
  it.each(["opened", "synchronize", "reopened"])("evaluates pull_request.%s from the PR's base sha to its head sha", (action) => {
    const payload = withInstallation(examplePayload("pull_request", action));
    const { jobs, ignored } = jobsFromEvent({ name: "pull_request", id: "d1", payload, appId: APP_ID });
    expect(ignored).toBeUndefined();
    expect(jobs).toEqual([
      expect.objectContaining({
        kind: "pull_request",
        base: payload.pull_request.base.sha,
        head: payload.pull_request.head.sha,
        pullNumber: payload.pull_request.number,
        owner: payload.repository.owner.login,
        repo: payload.repository.name,
        installationId: payload.installation.id,
        deliveryId: "d1",
        event: `pull_request.${action}`,
      }),
    ]);
  });

  it("re-evaluates pull_request.edited only when the base branch changed", () => {
    const payload = withInstallation(examplePayload("pull_request", "opened"));
    payload.action = "edited";
    payload.changes = { title: { from: "old" } };
    expect(jobsFromEvent({ name: "pull_request", id: "d", payload, appId: APP_ID }).jobs).toEqual([]);
    payload.changes = { base: { ref: { from: "develop" }, sha: { from: SHA_A } } };
    expect(jobsFromEvent({ name: "pull_request", id: "d", payload, appId: APP_ID }).jobs).toHaveLength(1);
  });

  it("ignores closed and labelled pull requests", () => {
    for (const action of ["closed", "labeled"]) {
      const outcome = jobsFromEvent({ name: "pull_request", id: "d", payload: withInstallation(examplePayload("pull_request", action)), appId: APP_ID });
      expect(outcome.jobs).toEqual([]);
      expect(outcome.ignored).toMatch(/nothing to evaluate/);
    }
  });

  it("evaluates check_suite.requested for this app only, once per pull request", () => {
    const payload = withInstallation(examplePayload("check_suite", "requested"));
    payload.check_suite.app.id = APP_ID;
    payload.check_suite.pull_requests = [{ number: 5, base: { sha: SHA_A, ref: "main" }, head: { sha: SHA_B } }];
    const { jobs } = jobsFromEvent({ name: "check_suite", id: "d", payload, appId: APP_ID });
    expect(jobs).toEqual([expect.objectContaining({ kind: "pull_request", base: SHA_A, head: payload.check_suite.head_sha, pullNumber: 5 })]);
    payload.check_suite.app.id = APP_ID + 1;
    expect(jobsFromEvent({ name: "check_suite", id: "d", payload, appId: APP_ID }).ignored).toBe("check_suite of another app");
  });

  it("evaluates a check suite on the default branch without a pull request as a push", () => {
    const payload = withInstallation(examplePayload("check_suite", "rerequested"));
    payload.check_suite.app.id = APP_ID;
    payload.check_suite.pull_requests = [];
    payload.check_suite.head_branch = payload.repository.default_branch;
    payload.check_suite.before = SHA_A;
    expect(jobsFromEvent({ name: "check_suite", id: "d", payload, appId: APP_ID }).jobs).toEqual([
      expect.objectContaining({ kind: "push", base: SHA_A, head: payload.check_suite.head_sha }),
    ]);
  });

  it("re-runs exactly what a check run recorded in external_id", () => {
    const payload = withInstallation(examplePayload("check_run", "rerequested"));
    payload.check_run.app.id = APP_ID;
    payload.check_run.head_sha = SHA_B;
    const recorded = { kind: "push", base: SHA_A, head: SHA_B, pullNumber: null, forced: true } as const;
    payload.check_run.external_id = encodeExternalId({ ...recorded, key: "", installationId: 1, owner: "o", repo: "r", deliveryId: "", event: "" });
    expect(decodeExternalId(payload.check_run.external_id)).toEqual(recorded);
    expect(jobsFromEvent({ name: "check_run", id: "d", payload, appId: APP_ID }).jobs).toEqual([expect.objectContaining(recorded)]);
  });

  it("falls back to the check run's pull request, and ignores other apps' runs and forged external ids", () => {
    const payload = withInstallation(examplePayload("check_run", "requested_action"));
    payload.check_run.app.id = APP_ID;
    payload.check_run.external_id = "push:not-a-sha:x::";
    payload.check_run.pull_requests = [{ number: 9, base: { sha: SHA_A } }];
    expect(jobsFromEvent({ name: "check_run", id: "d", payload, appId: APP_ID }).jobs).toEqual([
      expect.objectContaining({ kind: "pull_request", base: SHA_A, head: payload.check_run.head_sha, pullNumber: 9 }),
    ]);
    payload.check_run.app.id = 1;
    expect(jobsFromEvent({ name: "check_run", id: "d", payload, appId: APP_ID }).ignored).toBe("check_run of another app");
  });

  it("evaluates merge_group.checks_requested from the group's base to its head", () => {
    const payload = withInstallation(examplePayload("merge_group", "checks_requested"));
    // GitHub names the queued pull request in the group's branch: its reviews decide approvals in the queue.
    expect(payload.merge_group.head_ref).toMatch(/gh-readonly-queue\/main\/pr-104-/);
    expect(jobsFromEvent({ name: "merge_group", id: "d", payload, appId: APP_ID }).jobs).toEqual([
      expect.objectContaining({ kind: "merge_group", base: payload.merge_group.base_sha, head: payload.merge_group.head_sha, pullNumber: 104 }),
    ]);
    payload.merge_group.head_ref = "refs/heads/some-other-queue";
    expect(jobsFromEvent({ name: "merge_group", id: "d", payload, appId: APP_ID }).jobs[0]!.pullNumber).toBeNull();
  });

  it("evaluates pushes to the default branch only, carrying the forced flag", () => {
    const payload = withInstallation(examplePayload("push", undefined, (p) => p.ref === "refs/heads/master" && !p.deleted));
    expect(jobsFromEvent({ name: "push", id: "d", payload, appId: APP_ID }).ignored).toMatch(/created the default branch/);
    payload.before = SHA_A;
    payload.forced = true;
    expect(jobsFromEvent({ name: "push", id: "d", payload, appId: APP_ID }).jobs).toEqual([
      expect.objectContaining({ kind: "push", base: payload.before, head: payload.after, forced: true, pullNumber: null }),
    ]);
    payload.ref = "refs/heads/feature";
    expect(jobsFromEvent({ name: "push", id: "d", payload, appId: APP_ID }).ignored).toBe("push to a branch other than the default branch");
  });

  it("collapses duplicate deliveries into one key", () => {
    const payload = withInstallation(examplePayload("pull_request", "synchronize"));
    const [a] = jobsFromEvent({ name: "pull_request", id: "first", payload, appId: APP_ID }).jobs;
    const [b] = jobsFromEvent({ name: "pull_request", id: "redelivery", payload, appId: APP_ID }).jobs;
    expect(a!.key).toBe(b!.key);
  });

  it("ignores malformed deliveries instead of throwing", () => {
    for (const payload of [null, 42, {}, { repository: { name: "r" } }, { repository: { name: "r", owner: { login: "o" } } }]) {
      expect(jobsFromEvent({ name: "pull_request", id: "d", payload, appId: APP_ID }).jobs).toEqual([]);
    }
  });
});
