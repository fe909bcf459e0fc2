import { afterAll, beforeAll, expect, it } from "vitest";
import { runCheck } from "../../src/check/run-check.js";
import { createGitSource } from "../../src/sources/git-source.js";
import type { Decision } from "../../src/engine/decision.js";
import { renderMarkdown } from "../../src/render/render-markdown.js";
import { buildAuditEntry } from "../../src/audit/build-audit-entry.js";
import type { EvaluationJob } from "../../src/app/evaluation-job.js";
import { createAutomationFleet, commitAsController, DEPLOYMENT, edit, type AutomationFleet } from "./support/automation-fleet.js";
import { apiBump, bumpApi } from "./support/check-branch.js";

/**
 * The controller pushes its commits straight to the default branch (no pull request): such a push must pass when every
 * pushed commit is a valid automation commit, and still be a bypass when anything else rides along.
 */
let fleet: AutomationFleet;
beforeAll(() => {
  fleet = createAutomationFleet();
});
afterAll(() => fleet?.dispose());

async function push(base: string, head: string): Promise<Decision> {
  const source = createGitSource({ repoDir: fleet.repo.dir });
  try {
    // No GitHub evidence at all: a push whose gate is not the automation check would fail closed as a bypass.
    return await runCheck({ source, request: { base, head }, now: new Date(), arrival: { kind: "push" }, gatherEvidence: async () => ({}) });
  } finally {
    await source.close();
  }
}

it("passes the controller's direct push of a valid image bump", async () => {
  fleet.repo.checkout("main").checkout("bot-push", true);
  bumpApi(fleet, "1.4.3");
  const head = commitAsController(fleet, fleet.bot, apiBump("1.4.3"));
  const decision = await push(fleet.main, head);
  expect(decision.commits).toEqual([expect.objectContaining({ sha: head, verified: true, automation: true })]);
  expect(decision.findings.filter((f) => f.blocking)).toEqual([]);
  // The check run's commit table and the audit record say who vouched for it: the automation check, not a tenant.
  expect(renderMarkdown(decision)).toContain("| image automation | ✅ verified |");
  const entry = buildAuditEntry({ job: { kind: "push", owner: "acme", repo: "fleet", base: fleet.main, head } as EvaluationJob, checkRunId: 1, decision, error: null, durationMs: 1 }, { now: new Date(), appVersion: "test" });
  expect(entry.commits).toEqual([expect.objectContaining({ sha: head, automation: true, tenants: [] })]);
});

it("still reports a bypass when a tenant's commit is pushed directly alongside the controller's", async () => {
  fleet.repo.checkout("main").checkout("mixed-push", true);
  bumpApi(fleet, "1.4.3");
  commitAsController(fleet, fleet.bot, apiBump("1.4.3"));
  edit(fleet, DEPLOYMENT, "replicas: 2", "replicas: 3");
  const head = fleet.repo.commit("scale up, pushed directly", { gpg: fleet.payments });
  const decision = await push(fleet.main, head);
  expect(decision.findings.map((f) => f.rule)).toContain("branch/gate-bypassed");
});
