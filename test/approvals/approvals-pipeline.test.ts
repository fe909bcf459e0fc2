import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApprovalEvidence } from "../../src/approvals/approval-evidence.js";
import { renderText } from "../../src/render/render-text.js";
import { check, checkRun, createWebFlowFleet, DEPLOYMENT, edit, facts, PLATFORM_FILE, type WebFlowFleet } from "../web-flow/support/web-flow-fleet.js";

/**
 * Owner approvals through the real pipeline (runCheck over a real signed repository) with a stub for the app's
 * evidence: what is asked of GitHub, and when; what an approval waives, and what it never does.
 */
let fleet: WebFlowFleet;
const at: Record<string, string> = {};

beforeAll(() => {
  fleet = createWebFlowFleet({ approvers: ["acme/platform-team", "carol"] });
  const { repo } = fleet;
  repo.checkout("own", true);
  edit(fleet, DEPLOYMENT, "replicas: 2", "replicas: 3");
  at.own = repo.commit("payments: scale", { gpg: fleet.payments });
  repo.checkout("main").checkout("cross", true);
  // A harmless label on the platform-owned Namespace: only ownership is at stake.
  edit(fleet, PLATFORM_FILE, "enforce: restricted", "enforce: restricted\n    team: payments");
  at.cross = repo.commit("payments: label our namespace", { gpg: fleet.payments });
  edit(fleet, PLATFORM_FILE, "team: payments", "team: payments-core");
  at.unsigned = repo.commit("rename the label, unsigned");
  repo.checkout("main");
});

afterAll(() => fleet?.dispose());

const approvals = (head: string, login = "carol"): ApprovalEvidence => ({ pull: 4, head, reviews: [{ id: 9, login, state: "APPROVED", commitId: head }], teams: {} });

describe("owner approvals in the pipeline", () => {
  it("asks GitHub nothing when no finding could be waived", async () => {
    const { decision, needs } = await check(fleet, fleet.base, at.own!, { kind: "pull_request", evidence: () => ({}) });
    expect(decision.conclusion).toBe("success");
    expect(needs).toEqual([]);
  });

  it("reads reviews only for a waivable blocking finding, and passes once an approver approved the head", async () => {
    const { decision, needs } = await check(fleet, fleet.base, at.cross!, { kind: "pull_request", evidence: () => ({ approvals: approvals(at.cross!) }) });
    expect(needs).toEqual([{ approvals: true, approvers: ["acme/platform-team", "carol"], mergedPulls: [], gate: null }]);
    expect(decision.conclusion).toBe("success");
    expect(decision.findings).toEqual([expect.objectContaining({ rule: "ownership/wrong-tenant", blocking: false, waiver: expect.objectContaining({ pull: 4 }) })]);
  });

  it("never waives a signature finding: an unsigned commit still fails with an approval", async () => {
    const { decision } = await check(fleet, fleet.base, at.unsigned!, { kind: "pull_request", evidence: () => ({ approvals: approvals(at.unsigned!) }) });
    expect(decision.conclusion).toBe("failure");
    expect(decision.findings.map((f) => [f.rule, f.blocking])).toEqual([
      ["signature/unsigned", true],
      ["ownership/wrong-tenant", false],
    ]);
  });

  it("locally, says an approval on the pull request would waive it", async () => {
    const { decision } = await check(fleet, fleet.base, at.cross!);
    expect(decision.conclusion).toBe("failure");
    expect(renderText(decision, { color: false })).toContain("approval: flux-warden check reads no pull-request reviews locally: an approving review by a member of acme/platform-team or @carol on the pull request's current head would waive this.");
  });

  it("in the merge queue, takes approvals from the queued pull request, covering its commits under the group's merge", async () => {
    // GitHub's merge-group commit: a merge of the pull request's head into the base (signed by no tenant).
    fleet.repo.checkout("main").checkout("queue", true);
    const group = fleet.repo.merge(at.cross!, "Merge pull request #4 into the queue", { gpg: fleet.platform });
    fleet.repo.checkout("main");
    const { decision, needs } = await check(fleet, fleet.base, group, { kind: "merge_group", evidence: () => ({ approvals: approvals(at.cross!) }) });
    expect(needs[0]).toMatchObject({ approvals: true });
    expect(decision.findings.map((f) => [f.rule, f.blocking, f.commit])).toEqual([["ownership/wrong-tenant", false, at.cross]]);
    expect(decision.conclusion).toBe("success");
  });

  it("on a push, takes approvals from the pull request whose head flux-warden passed", async () => {
    const github = facts({ checks: { [at.cross!]: [checkRun({ base: fleet.base, pull: 4 })] } });
    const { decision, needs } = await check(fleet, fleet.base, at.cross!, { kind: "push", evidence: () => ({ github, approvals: approvals(at.cross!) }) });
    expect(needs[0]).toMatchObject({ approvals: true, gate: at.cross });
    expect(decision.findings.map((f) => [f.rule, f.blocking])).toEqual([["ownership/wrong-tenant", false]]);
  });
});
