import { afterAll, describe, expect, it } from "vitest";
import { check, createWebFlowFleet, DEPLOYMENT, edit, facts, type WebFlowFleet, type WebFlowFleetOptions } from "./support/web-flow-fleet.js";

/** `signing.webFlow: reject` (the default): no commit GitHub signs passes, whatever the allowed set says. */
const fleets: WebFlowFleet[] = [];
afterAll(() => fleets.forEach((f) => f.dispose()));

/** A fleet with a verified feature branch, and GitHub's merge and squash of it on main. */
function scenario(options: WebFlowFleetOptions): { fleet: WebFlowFleet; merge: string; squash: string } {
  const fleet = createWebFlowFleet(options);
  fleets.push(fleet);
  const { repo } = fleet;
  repo.checkout("feature", true);
  edit(fleet, DEPLOYMENT, "payments-api:1.4.2", "payments-api:1.4.3");
  repo.commit("payments: release 1.4.3", { gpg: fleet.payments });
  repo.checkout("main");
  const merge = repo.merge("feature", "Merge pull request #1", { gpg: fleet.webFlow });
  repo.git("reset", "-q", "--hard", fleet.base);
  repo.git("merge", "-q", "--squash", "feature");
  const squash = repo.commit("payments: release 1.4.3 (#1)", { gpg: fleet.webFlow });
  return { fleet, merge, squash };
}

describe("GitHub's web-flow key under signing.webFlow: reject", () => {
  it("fails a merge with signature/web-flow-commit when the allowed set trusts GitHub's key anyway", async () => {
    const { fleet, merge } = scenario({ webFlow: "reject" });
    const { decision } = await check(fleet, fleet.base, merge);
    expect(decision.findings.map((f) => f.rule)).toEqual(["signature/web-flow-commit"]);
    expect(decision.findings[0]!.message).toContain("the allowed set trusts GitHub's web-flow key, but signing.webFlow is reject");
    // Flux itself would accept it: the verdict says so, the finding is the gate's.
    expect(decision.commits.at(-1)).toMatchObject({ verified: true, tenants: [], webFlow: { kind: "merge", accepted: false } });
  });

  it("reports signature/untrusted-key, naming GitHub's key, when the allowed set does not trust it", async () => {
    const { fleet, merge } = scenario({ webFlow: "reject", inSecret: false });
    const { decision } = await check(fleet, fleet.base, merge);
    expect(decision.findings.map((f) => f.rule)).toEqual(["signature/untrusted-key"]);
    expect(decision.findings[0]!.message).toContain(`GitHub's web-flow key (${fleet.webFlow.fingerprint}) signed it, and signing.webFlow is reject`);
  });

  it("recognises an allowed key with GitHub's user id when signing.webFlowKey is not configured, and rejects it", async () => {
    const { fleet, merge } = scenario({ webFlow: "reject", configured: false });
    const { decision } = await check(fleet, fleet.base, merge);
    expect(decision.findings.map((f) => f.rule)).toEqual(["signature/web-flow-commit"]);
  });

  it("asks GitHub nothing about a squash it rejects whatever GitHub says", async () => {
    const { fleet, squash } = scenario({ webFlow: "reject" });
    const { decision, needs } = await check(fleet, fleet.base, squash, { kind: "push", evidence: () => ({ github: facts({ checks: { [squash]: [] }, mergedPulls: { [squash]: null } }) }) });
    expect(needs).toEqual([{ approvals: false, approvers: [], mergedPulls: [], gate: squash }]);
    expect(decision.findings.map((f) => f.rule)).toEqual(["branch/gate-bypassed", "signature/web-flow-commit"]);
  });

  it("never lets GitHub's key sign for a tenant, even under merge-commits", async () => {
    const { fleet } = scenario({});
    fleet.repo.checkout("main").git("reset", "-q", "--hard", fleet.base);
    edit(fleet, DEPLOYMENT, "replicas: 2", "replicas: 7");
    const webEdit = fleet.repo.commit("Update deployment.yaml", { gpg: fleet.webFlow });
    const { decision } = await check(fleet, fleet.base, webEdit, { kind: "pull_request", evidence: () => ({ github: facts({ mergedPulls: { [webEdit]: null } }) }) });
    expect(decision.commits[0]).toMatchObject({ tenants: [], webFlow: { kind: "squash", accepted: false } });
    expect(decision.findings.map((f) => f.rule)).toEqual(["signature/web-flow-commit"]);
  });
});
