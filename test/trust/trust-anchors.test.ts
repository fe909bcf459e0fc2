import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import type { Decision } from "../../src/engine/decision.js";
import { trustAnchorFindings } from "../../src/engine/trust-anchor-findings.js";
import { parsePolicy } from "../../src/policy/load-policy.js";
import { trustAnchors } from "../../src/trust/trust-anchors.js";
import { fileChange } from "../rules/support/file-change.js";
import { allowedKeysSecret, createExampleFleet } from "../support/example-fleet.js";
import { runCli } from "../support/run-cli.js";

/**
 * Every change to a file that decides whom the gate trusts is reported (ownership/trust-anchor-changed, medium: not
 * blocking by default), so that extending trust is visible in the check run and the audit log.
 */
const fleet = createExampleFleet();
afterAll(() => fleet.dispose());
const SECRET = "clusters/production/flux-system/allowed-signing-keys.yaml";

async function anchorFindings(branch: string, edit: () => void): Promise<Array<{ path: string | null; blocking: boolean; message: string }>> {
  fleet.repo.checkout("main");
  fleet.repo.checkout(branch, true);
  edit();
  fleet.repo.commit(`platform: ${branch}`, { gpg: fleet.platform });
  const result = await runCli(["check", "--base", "main", "--head", branch, "--format", "json"], fleet.repo.dir);
  expect(result.stderr).toBe("");
  const decision = JSON.parse(result.stdout) as Decision;
  return decision.findings.filter((f) => f.rule === "ownership/trust-anchor-changed").map(({ path, blocking, message }) => ({ path, blocking, message }));
}

it("reports a key added to the allowed-signing-keys Secret, without blocking", async () => {
  const other = fleet.home.generate("New Key <new@example.com>");
  const found = await anchorFindings("add-key", () =>
    fleet.repo.write(SECRET, allowedKeysSecret({ "platform.asc": fleet.platform.publicArmored, "payments.asc": fleet.payments.publicArmored, "new.asc": other.publicArmored })),
  );
  expect(found).toEqual([{ path: SECRET, blocking: false, message: expect.stringContaining(`edits ${SECRET}, which holds the allowed signing keys`) }]);
});

it("reports an edit of the policy", async () => {
  const policy = join(fleet.repo.dir, ".github/flux-warden.yml");
  const found = await anchorFindings("policy", () => fleet.repo.write(".github/flux-warden.yml", `${readFileSync(policy, "utf8")}# reviewed\n`));
  expect(found).toEqual([{ path: ".github/flux-warden.yml", blocking: false, message: expect.stringContaining("which holds the flux-warden policy") }]);
});

it("says nothing about a change that touches no trust file", async () => {
  const found = await anchorFindings("routine", () => fleet.repo.write("clusters/production/platform/notes.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n  namespace: flux-system\n"));
  expect(found).toEqual([]);
});

it("knows new key files under a file: glob, both sides of a rename, and the web-flow key", () => {
  const policy = parsePolicy(
    "version: 1\nsigning:\n  keys:\n    - file: keys/*.asc\n  webFlow: merge-commits\n  webFlowKey: keys/github/web-flow.gpg\ntenants:\n  platform:\n    paths: ['**']\n",
    "test",
  );
  const anchors = trustAnchors(policy, ".github/flux-warden.yml", ["keys/alice.asc"]);
  const moved = { ...fileChange("keys/retired/alice.asc", { base: "k", head: "k" }), previousPath: "keys/alice.asc" };
  const files = [fileChange("keys/mallory.asc", { head: "k" }), fileChange("keys/github/web-flow.gpg", { base: "a", head: "b" }), moved, fileChange("keys/README.md", { base: "a", head: "b" })];
  expect(trustAnchorFindings(files, anchors).map((f) => f.message)).toEqual([
    expect.stringContaining("adds keys/mallory.asc, which holds the allowed signing keys"),
    expect.stringContaining("edits keys/github/web-flow.gpg, which holds GitHub's web-flow key"),
    expect.stringContaining("edits keys/alice.asc, which holds the allowed signing keys"),
  ]);
});
