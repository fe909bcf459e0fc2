import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMetrics } from "../../src/metrics/create-metrics.js";
import { recordOutcome } from "../../src/metrics/record-outcome.js";
import type { EvaluationJob } from "../../src/app/evaluation-job.js";
import { check, checkRun, createWebFlowFleet, DEPLOYMENT, edit, facts, type WebFlowFleet } from "./support/web-flow-fleet.js";

/** Pushes to the default branch, after the fact: will Flux accept the new HEAD, and did it go through the gate? */
let fleet: WebFlowFleet;
const at: Record<string, string> = {};

beforeAll(() => {
  fleet = createWebFlowFleet();
  const { repo } = fleet;
  edit(fleet, DEPLOYMENT, "replicas: 2", "replicas: 3");
  at.signed = repo.commit("scale up", { gpg: fleet.payments });
  repo.git("reset", "-q", "--hard", fleet.base);
  edit(fleet, DEPLOYMENT, "replicas: 2", "replicas: 4");
  at.ciSigned = repo.commit("scale up (CI)", { gpg: fleet.ci });
});

afterAll(() => fleet?.dispose());

const rules = (d: { findings: Array<{ rule: string }> }) => d.findings.map((f) => f.rule);

describe("push findings", () => {
  it("flags a direct push of a signed, unreviewed commit as branch/gate-bypassed", async () => {
    const github = facts({ checks: { [at.signed!]: [] }, mergedPulls: { [at.signed!]: null } });
    const { decision } = await check(fleet, fleet.base, at.signed!, { kind: "push", evidence: () => ({ github }) });
    expect(rules(decision)).toEqual(["branch/gate-bypassed"]);
    expect(decision.findings[0]).toMatchObject({ severity: "critical", blocking: true, commit: at.signed });
    expect(decision.findings[0]!.message).toContain("flux-warden never passed it on a pull request or in a merge queue");
  });

  it("passes a fast-forward to a head flux-warden passed on a pull request or in a merge queue", async () => {
    for (const run of [checkRun({ base: fleet.base }), checkRun({ kind: "merge_group", pull: null })]) {
      const { decision } = await check(fleet, fleet.base, at.signed!, { kind: "push", evidence: () => ({ github: facts({ checks: { [at.signed!]: [run] } }) }) });
      expect(rules(decision)).toEqual([]);
    }
  });

  it("does not count flux-warden's own push evaluations, or failed pull-request checks, as the gate", async () => {
    const github = facts({ checks: { [at.signed!]: [checkRun({ kind: "push" }), checkRun({ conclusion: "failure" })] }, mergedPulls: { [at.signed!]: null } });
    const { decision } = await check(fleet, fleet.base, at.signed!, { kind: "push", evidence: () => ({ github }) });
    expect(decision.findings[0]!.message).toContain("flux-warden's check of it on a pull request concluded failure");
  });

  it("warns that Flux will stop applying when HEAD is signed by a key only flux-warden trusts", async () => {
    const github = facts({ checks: { [at.ciSigned!]: [checkRun({ base: fleet.base })] } });
    const { decision } = await check(fleet, fleet.base, at.ciSigned!, { kind: "push", evidence: () => ({ github }) });
    expect(rules(decision)).toEqual(["branch/flux-will-reject"]);
    expect(decision.commits[0]).toMatchObject({ verified: true, tenants: ["payments"] });
    expect(decision.findings[0]!.message).toContain(`Flux will stop applying at ${at.ciSigned!.slice(0, 12)} "scale up (CI)"`);
    expect(decision.findings[0]!.remediation).toContain("git commit --allow-empty -S");
  });

  it("counts both in flux_warden_findings_total by rule, which deploy/prometheus-rule.yaml alerts on", async () => {
    const github = facts({ checks: { [at.ciSigned!]: [] }, mergedPulls: { [at.ciSigned!]: null } });
    const { decision } = await check(fleet, fleet.base, at.ciSigned!, { kind: "push", evidence: () => ({ github }) });
    const metrics = createMetrics({ defaultMetrics: false });
    recordOutcome(metrics, { job: { kind: "push", owner: "acme", repo: "fleet" } as EvaluationJob, checkRunId: 1, decision, error: null, durationMs: 1 });
    const text = await metrics.registry.metrics();
    expect(text).toContain('flux_warden_findings_total{rule="branch/flux-will-reject",severity="critical"} 1');
    expect(text).toContain('flux_warden_findings_total{rule="branch/gate-bypassed",severity="critical"} 1');
  });

  it("fails closed when GitHub's record of the checks could not be read, or was never read", async () => {
    const github = facts({ errors: { [at.signed!]: "GitHub answered HTTP 500" } });
    const unreadable = await check(fleet, fleet.base, at.signed!, { kind: "push", evidence: () => ({ github }) });
    expect(unreadable.decision.findings[0]!.message).toContain("could not be established (GitHub answered HTTP 500); failing closed");
    const unread = await check(fleet, fleet.base, at.signed!, { kind: "push" });
    expect(unread.decision.findings[0]!.message).toContain("GitHub's record of flux-warden's checks was not read");
  });
});
