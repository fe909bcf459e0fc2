import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GitHubFacts } from "../../src/web-flow/github-facts.js";
import { check, checkRun, createWebFlowFleet, DEPLOYMENT, edit, facts, PLATFORM_FILE, type WebFlowFleet } from "./support/web-flow-fleet.js";

/**
 * GitHub's squash: a single-parent commit signed by the web-flow key. Accepted only with GitHub's record of the pull
 * request it merged, when its tree is the head flux-warden passed and its parent the base that head was checked on.
 */
let fleet: WebFlowFleet;
const at: Record<string, string> = {};

beforeAll(() => {
  fleet = createWebFlowFleet();
  const { repo } = fleet;
  repo.checkout("feature", true);
  edit(fleet, DEPLOYMENT, "payments-api:1.4.2", "payments-api:1.4.3");
  at.feature = repo.commit("payments: release 1.4.3", { gpg: fleet.payments });
  repo.checkout("main").git("merge", "-q", "--squash", "feature");
  at.squash = repo.commit("payments: release 1.4.3 (#7)", { gpg: fleet.webFlow });
  repo.git("reset", "-q", "--hard", fleet.base);
  repo.git("merge", "-q", "--squash", "feature");
  edit(fleet, PLATFORM_FILE, "enforce: restricted", "enforce: privileged");
  at.alteredSquash = repo.commit("payments: release 1.4.3 (#7)", { gpg: fleet.webFlow });
  repo.git("reset", "-q", "--hard", fleet.base);
  edit(fleet, DEPLOYMENT, "replicas: 2", "replicas: 9");
  at.webEdit = repo.commit("Update deployment.yaml", { gpg: fleet.webFlow });
  repo.git("reset", "-q", "--hard", at.squash);
});

afterAll(() => fleet?.dispose());

/** What the app reads when GitHub merged pull request #7 (head `feature`) into `sha`. */
function merged(sha: string, over: Partial<GitHubFacts> = {}): GitHubFacts {
  return facts({
    checks: { [sha]: [], [at.feature!]: [checkRun({ base: fleet.base, pull: 7 })] },
    mergedPulls: { [sha]: { number: 7, head: at.feature!, headTree: fleet.repo.rev(`${at.feature}^{tree}`) } },
    ...over,
  });
}

const webFlowOf = (decision: { commits: Array<{ sha: string; webFlow?: unknown }> }, sha: string) => decision.commits.find((c) => c.sha === sha)!.webFlow;
const messages = (decision: { findings: Array<{ rule: string; message: string }> }) => decision.findings.map((f) => `${f.rule}: ${f.message}`).join("\n");

describe("GitHub's squash under signing.webFlow: merge-commits", () => {
  it("accepts a squash whose tree is the passed head's, on the base it was checked against, asking GitHub only about it", async () => {
    const { decision, needs } = await check(fleet, fleet.base, at.squash!, { kind: "push", evidence: () => ({ github: merged(at.squash!) }) });
    expect(needs).toEqual([{ approvals: false, approvers: [], mergedPulls: [at.squash], gate: at.squash }]);
    expect(webFlowOf(decision, at.squash!)).toEqual({ kind: "squash", accepted: true, pull: 7, detail: expect.stringContaining("GitHub's squash of pull request #7") });
    expect(decision.commits[0]).toMatchObject({ verified: true, tenants: [] });
    expect(decision.findings).toEqual([]);
  });

  it("fails a squash whose tree differs from the head flux-warden passed", async () => {
    const { decision } = await check(fleet, fleet.base, at.alteredSquash!, { kind: "push", evidence: () => ({ github: merged(at.alteredSquash!) }) });
    expect(decision.conclusion).toBe("failure");
    expect(messages(decision)).toMatch(/signature\/web-flow-commit: .*its tree [0-9a-f]{12} differs from the tree [0-9a-f]{12} of pull request #7's head/);
  });

  it("fails a squash of a head flux-warden did not pass, or passed on another base", async () => {
    const failed = merged(at.squash!, { checks: { [at.squash!]: [], [at.feature!]: [checkRun({ base: fleet.base, conclusion: "failure" })] } });
    expect(messages((await check(fleet, fleet.base, at.squash!, { kind: "push", evidence: () => ({ github: failed }) })).decision)).toContain("concluded failure");
    const elsewhere = merged(at.squash!, { checks: { [at.squash!]: [], [at.feature!]: [checkRun({ base: "e".repeat(40) })] } });
    const { decision } = await check(fleet, fleet.base, at.squash!, { kind: "push", evidence: () => ({ github: elsewhere }) });
    expect(messages(decision)).toContain(`its parent ${fleet.base.slice(0, 12)} is not the base pull request #7 was verified against (eeeeeeeeeeee)`);
  });

  it("fails a web-UI edit: GitHub merged no pull request into it, and it bypassed the gate", async () => {
    const github = facts({ checks: { [at.webEdit!]: [] }, mergedPulls: { [at.webEdit!]: null } });
    const { decision } = await check(fleet, fleet.base, at.webEdit!, { kind: "push", evidence: () => ({ github }) });
    expect(decision.findings.map((f) => f.rule)).toEqual(["branch/gate-bypassed", "signature/web-flow-commit"]);
    expect(messages(decision)).toContain("GitHub knows no merged pull request whose merge commit it is: a web-UI edit");
  });

  it("fails closed when GitHub's record cannot be read", async () => {
    const github = facts({ errors: { [at.squash!]: "GitHub answered HTTP 502 (request id ABC)" } });
    const { decision } = await check(fleet, fleet.base, at.squash!, { kind: "push", evidence: () => ({ github }) });
    expect(decision.findings.map((f) => f.rule)).toEqual(["branch/gate-bypassed", "signature/web-flow-commit"]);
    expect(messages(decision)).toContain("could not be read (GitHub answered HTTP 502 (request id ABC))");
  });

  it("locally (no GitHub), says a squash needs the app's evidence", async () => {
    const { decision } = await check(fleet, fleet.base, at.squash!);
    expect(decision.conclusion).toBe("failure");
    expect(messages(decision)).toContain("accepted only with GitHub's record of the pull request it merged, which the app reads");
  });
});
