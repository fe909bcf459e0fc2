import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, checkRun, createWebFlowFleet, DEPLOYMENT, edit, facts, PLATFORM_FILE, type WebFlowFleet } from "./support/web-flow-fleet.js";

/**
 * `signing.webFlow: merge-commits` on GitHub's merge commits, made by git and signed with a real key that plays
 * GitHub's web-flow key: a merge of verified commits with no content of its own passes; anything else fails.
 */
let fleet: WebFlowFleet;
const at: Record<string, string> = {};

beforeAll(() => {
  fleet = createWebFlowFleet();
  const { repo } = fleet;
  repo.checkout("feature", true);
  edit(fleet, DEPLOYMENT, "payments-api:1.4.2", "payments-api:1.4.3");
  at.feature = repo.commit("payments: release 1.4.3", { gpg: fleet.payments });
  repo.checkout("main");
  at.merge = repo.merge("feature", "Merge pull request #1 from acme/feature", { gpg: fleet.webFlow });

  // A merge whose result differs from both parents: a conflict "resolved" in GitHub's editor, smuggling a change.
  repo.git("reset", "-q", "--hard", fleet.base);
  repo.git("merge", "-q", "--no-ff", "--no-commit", "feature");
  edit(fleet, PLATFORM_FILE, "enforce: restricted", "enforce: privileged");
  at.evilMerge = repo.commit("Merge pull request #1 from acme/feature", { gpg: fleet.webFlow });

  // A merge bringing in a commit that does not verify.
  repo.checkout(fleet.base).checkout("unsigned", true);
  edit(fleet, DEPLOYMENT, "replicas: 2", "replicas: 3");
  repo.commit("scale up");
  repo.checkout("main").git("reset", "-q", "--hard", fleet.base);
  at.unsignedMerge = repo.merge("unsigned", "Merge pull request #2 from acme/unsigned", { gpg: fleet.webFlow });
  repo.git("reset", "-q", "--hard", at.merge);
});

afterAll(() => fleet?.dispose());

describe("GitHub's merge commit under signing.webFlow: merge-commits", () => {
  it("accepts a merge of verified commits with no content of its own: never a tenant's, ownership from its parents", async () => {
    const { decision } = await check(fleet, fleet.base, at.merge!);
    const merge = decision.commits.find((c) => c.sha === at.merge)!;
    expect(merge).toMatchObject({ verified: true, reason: "verified", tenants: [], signer: { fingerprint: fleet.webFlow.fingerprint } });
    expect(merge.webFlow).toEqual({ kind: "merge", accepted: true, detail: expect.stringContaining("GitHub's merge of verified commits") });
    expect(decision.findings).toEqual([]);
    expect(decision.conclusion).toBe("success");
  });

  it("fails a merge with content of its own, naming the paths, even though the key is trusted", async () => {
    const { decision } = await check(fleet, fleet.base, at.evilMerge!);
    const finding = decision.findings.find((f) => f.rule === "signature/web-flow-commit");
    expect(finding).toMatchObject({ severity: "critical", blocking: true, commit: at.evilMerge });
    expect(finding!.message).toContain(`introduces content of its own (${PLATFORM_FILE})`);
    // Judged as GitHub's commit, not as a tenant's: no ownership finding for the smuggled path.
    expect(decision.findings.filter((f) => f.rule.startsWith("ownership/"))).toEqual([]);
    expect(decision.commits.find((c) => c.sha === at.evilMerge)!.webFlow).toMatchObject({ kind: "merge", accepted: false });
  });

  it("fails a merge that brings in a commit that did not verify", async () => {
    const { decision } = await check(fleet, fleet.base, at.unsignedMerge!);
    expect(decision.findings.map((f) => f.rule).sort()).toEqual(["signature/unsigned", "signature/web-flow-commit"]);
    expect(decision.findings.find((f) => f.rule === "signature/web-flow-commit")!.message).toMatch(/its parent [0-9a-f]{12} did not verify/);
  });

  it("in signing.mode head, never accepts a merge: what it brings in was not verified", async () => {
    const headFleet = createWebFlowFleet({ mode: "head" });
    try {
      headFleet.repo.checkout("feature", true);
      edit(headFleet, DEPLOYMENT, "replicas: 2", "replicas: 4");
      headFleet.repo.commit("scale", { gpg: headFleet.payments });
      headFleet.repo.checkout("main");
      const merge = headFleet.repo.merge("feature", "Merge pull request #3", { gpg: headFleet.webFlow });
      const { decision } = await check(headFleet, headFleet.base, merge);
      expect(decision.conclusion).toBe("failure");
      expect(decision.findings.map((f) => f.message).join("\n")).toContain("signing.mode head verifies only HEAD");
    } finally {
      headFleet.dispose();
    }
  });

  it("on a push, a gated merge whose key Flux trusts raises no branch finding", async () => {
    // What the app reads for this push: no run on the merge itself; GitHub merged #1, whose head flux-warden passed.
    const github = facts({ checks: { [at.merge!]: [], [at.feature!]: [checkRun({ base: fleet.base })] }, mergedPulls: { [at.merge!]: { number: 1, head: at.feature!, headTree: "t" } } });
    const { decision, needs } = await check(fleet, fleet.base, at.merge!, { kind: "push", evidence: () => ({ github }) });
    expect(needs).toEqual([{ approvals: false, approvers: [], mergedPulls: [], gate: at.merge }]);
    expect(decision.findings).toEqual([]);
  });
});
