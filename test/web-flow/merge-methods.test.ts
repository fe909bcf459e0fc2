import { afterAll, describe, expect, it } from "vitest";
import type { MergeMethodAdvice } from "../../src/engine/decision.js";
import { renderMarkdown } from "../../src/render/render-markdown.js";
import { check, createWebFlowFleet, DEPLOYMENT, edit, type WebFlowFleet, type WebFlowFleetOptions } from "./support/web-flow-fleet.js";

/** On a pull request the Decision says which merge methods leave a HEAD that Flux, with the base's Secret, accepts. */
const fleets: WebFlowFleet[] = [];
afterAll(() => fleets.forEach((f) => f.dispose()));

async function advice(options: WebFlowFleetOptions, signer: "payments" | "ci" = "payments"): Promise<{ advice: MergeMethodAdvice; fleet: WebFlowFleet; markdown: string }> {
  const fleet = createWebFlowFleet(options);
  fleets.push(fleet);
  fleet.repo.checkout("feature", true);
  edit(fleet, DEPLOYMENT, "payments-api:1.4.2", "payments-api:1.4.3");
  const head = fleet.repo.commit("payments: release 1.4.3", { gpg: fleet[signer] });
  const { decision } = await check(fleet, fleet.base, head, { kind: "pull_request", evidence: () => ({}) });
  return { advice: decision.mergeMethods!, fleet, markdown: renderMarkdown(decision) };
}

const verdicts = (a: MergeMethodAdvice) => Object.fromEntries(a.methods.map((m) => [m.method, m.flux]));

describe("merge-method advice", () => {
  it("accepts merge, squash and fast-forward when GitHub's key is in the Flux Secret; rebase never", async () => {
    const { advice: a, fleet, markdown } = await advice({});
    expect(verdicts(a)).toEqual({ "merge-commit": "accepts", squash: "accepts", rebase: "rejects", "fast-forward": "accepts" });
    // Flux's keys are the Secret's: the ci key (a `file:` key) is flux-warden's alone.
    expect(a.fluxKeys).toEqual([fleet.platform.fingerprint, fleet.payments.fingerprint, fleet.webFlow.fingerprint]);
    expect(a.webFlowKey).toEqual({ path: ".github/github-web-flow.asc", fingerprints: [fleet.webFlow.fingerprint], inFluxSecret: true, problem: null });
    expect(a.methods[0]!.detail).toContain("flux-warden's push check accepts it as GitHub's merge");
    expect(markdown).toContain("#### Merge methods and Flux");
    expect(markdown).toContain("| Rebase and merge | ❌ rejects | GitHub rewrites every commit and drops their signatures");
  });

  it("rejects merge and squash when the Secret lacks GitHub's key: Flux would stall", async () => {
    const { advice: a } = await advice({ inSecret: false });
    expect(verdicts(a)).toMatchObject({ "merge-commit": "rejects", squash: "rejects", "fast-forward": "accepts" });
    expect(a.methods[0]!.detail).toContain("not in the Flux Secret's allowed-signing-keys, so Flux rejects it and stops applying");
  });

  it("says unknown, and what is likely, when signing.webFlowKey is not configured", async () => {
    const likely = (await advice({ webFlow: "reject", configured: false })).advice;
    expect(verdicts(likely)).toMatchObject({ "merge-commit": "unknown", squash: "unknown" });
    expect(likely.methods[0]!.detail).toContain("the Secret holds a key with GitHub's user id");
    expect(likely.methods[0]!.detail).toContain("flux-warden's push check rejects it anyway");
    const unlikely = (await advice({ webFlow: "reject", configured: false, inSecret: false })).advice;
    expect(unlikely.methods[1]!.detail).toContain("unless the Secret holds GitHub's key, Flux rejects it (likely)");
  });

  it("rejects a fast-forward whose head is signed by a key Flux's Secret does not hold", async () => {
    const { advice: a } = await advice({}, "ci");
    expect(verdicts(a)["fast-forward"]).toBe("rejects");
    expect(a.methods.find((m) => m.method === "fast-forward")!.detail).toContain("does not verify with the Flux Secret's keys");
  });

  it("is not part of a local check's Decision", async () => {
    const fleet = createWebFlowFleet();
    fleets.push(fleet);
    const { decision } = await check(fleet, fleet.base, fleet.base);
    expect(decision.mergeMethods).toBeUndefined();
  });
});
