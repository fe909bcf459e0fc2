import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitAsController, createAutomationFleet, DEPLOYMENT, edit, KUSTOMIZATION, type AutomationFleet } from "./support/automation-fleet.js";
import { apiBump, bumpApi, checkBranch, WORKER_TAG, workerBump } from "./support/check-branch.js";

/**
 * `flux-warden check` over a real gpg-signed fleet with Flux image automation: commits shaped exactly like the
 * image-automation-controller's (its author, its message template, its key) pass when they only move marked image
 * references within the base's ImagePolicies.
 */
let f: AutomationFleet;
beforeAll(() => {
  f = createAutomationFleet();
});
afterAll(() => f?.dispose());

describe("image-automation commits", () => {
  it("passes the controller's whole-image bump within the semver range, and says the commit is automation", async () => {
    const { code, decision } = await checkBranch(f, "bump-api", () => {
      bumpApi(f, "1.4.3");
      commitAsController(f, f.bot, apiBump("1.4.3"));
    });
    expect(decision.findings).toEqual([]);
    expect(code).toBe(0);
    expect(decision.commits).toEqual([
      expect.objectContaining({ verified: true, automation: true, tenants: [], subject: "Update image references", signer: expect.objectContaining({ fingerprint: f.bot.fingerprint }) }),
    ]);
    expect(decision.commits[0]!.author).toMatchObject({ name: "fluxcdbot", email: "fluxcdbot@users.noreply.github.com" });
  });

  it("passes `:name` and `:tag` bumps whose tag passes filterTags and extract, even when the controller reformats the file", async () => {
    const { code, decision } = await checkBranch(f, "bump-worker", () => {
      // kyaml re-indents sequences when it writes a file back: a YAML-aware comparison must not mind.
      const text = f.repo.git("show", `HEAD:${KUSTOMIZATION}`);
      f.repo.write(KUSTOMIZATION, `${text.replace(WORKER_TAG, "main-9e8d7c6-1735776000").replace(/\n {2}- /g, "\n- ").replace(/\n {4}new/g, "\n  new")}\n`);
      commitAsController(f, f.bot, workerBump("main-9e8d7c6-1735776000"));
    });
    expect(decision.findings).toEqual([]);
    expect(code).toBe(0);
  });

  it("judges a tenant's commit by ownership and the automation's by the automation checks, in one change", async () => {
    const { code, decision } = await checkBranch(f, "mixed", () => {
      edit(f, DEPLOYMENT, "replicas: 2", "replicas: 3");
      f.repo.commit("payments: scale up", { gpg: f.payments });
      bumpApi(f, "1.5.0");
      commitAsController(f, f.bot, apiBump("1.5.0"));
    });
    expect(decision.findings).toEqual([]);
    expect(code).toBe(0);
    expect(decision.commits.map((c) => [c.tenants, c.automation ?? false])).toEqual([[["payments"], false], [[], true]]);
  });

  it("reports an automation key that is also a tenant signer once, without blocking a good bump", async () => {
    const dual = createAutomationFleet();
    try {
      const policy = dual.repo.git("show", "main:.github/flux-warden.yml").replace(/(payments:\n    paths: \[[^\]]+\]\n    signers: \[)/, `$1"${dual.bot.fingerprint}", `);
      dual.repo.write(".github/flux-warden.yml", `${policy}\n`);
      dual.repo.commit("list the bot as a payments signer too", { gpg: dual.platform });
      const { code, decision } = await checkBranch(dual, "bump", () => {
        bumpApi(dual, "1.4.3");
        commitAsController(dual, dual.bot, apiBump("1.4.3"));
        edit(dual, KUSTOMIZATION, WORKER_TAG, "main-9e8d7c6-1735776000");
        commitAsController(dual, dual.bot, workerBump("main-9e8d7c6-1735776000"));
      });
      expect(code).toBe(0);
      expect(decision.findings).toEqual([expect.objectContaining({ rule: "automation/signer-is-tenant-signer", severity: "medium", blocking: false, path: null })]);
      expect(decision.commits.map((c) => [c.automation, c.tenants])).toEqual([[true, []], [true, []]]);
    } finally {
      dual.dispose();
    }
  });
});
