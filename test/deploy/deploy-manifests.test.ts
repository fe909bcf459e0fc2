import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { applyPolicy } from "../../src/engine/apply-policy.js";
import { analyzeManifests } from "../../src/manifests/analyze-manifests.js";
import { EMPTY_REPO_INDEX } from "../../src/manifests/repo-index.js";
import { parsePolicy } from "../../src/policy/load-policy.js";
import { fileChange } from "../rules/support/file-change.js";

const DEPLOY = fileURLToPath(new URL("../../deploy/", import.meta.url));

/**
 * The policy a platform team would run the app's own manifests under: one platform tenant owning `deploy/`, allowed
 * cluster-scoped objects (the Namespace), images only from the project's registry, and the default block threshold.
 * No exceptions: the app's manifests must pass its own rules as they are.
 */
const policy = parsePolicy(
  [
    "version: 1",
    "tenants:",
    "  platform:",
    '    paths: ["deploy/**"]',
    "    clusterScoped: true",
    '    namespaces: ["flux-warden"]',
    "unowned: deny",
    "rules:",
    "  block: high",
    '  registries: ["ghcr.io/flux-warden/"]',
    "",
  ].join("\n"),
  "deploy-policy.yml",
);

// The app's own Kubernetes manifests are checked by the app (design notes §1, `deploy/`): dogfooding, and a real-world
// fixture that must never produce a false positive.
describe("deploy/: flux-warden's own manifests", () => {
  const files = readdirSync(DEPLOY)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => fileChange(`deploy/${name}`, { head: readFileSync(`${DEPLOY}${name}`, "utf8") }));

  it("are all read as manifests", async () => {
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(["deploy/deployment.yaml", "deploy/namespace.yaml", "deploy/network-policy.yaml", "deploy/service.yaml"]));
    const { skipped } = await analyzeManifests({ files, policy, index: EMPTY_REPO_INDEX });
    expect(skipped).toEqual([]);
  });

  it("added from scratch, produce no blocking finding", async () => {
    const { findings } = await analyzeManifests({ files, policy, index: EMPTY_REPO_INDEX });
    const decided = applyPolicy(findings, policy.rules);
    expect(decided.filter((f) => f.blocking).map((f) => `${f.rule} ${f.path}:${f.line} ${f.message}`)).toEqual([]);
  });

  it("report nothing at all, not even below the block threshold", async () => {
    const { findings } = await analyzeManifests({ files, policy, index: EMPTY_REPO_INDEX });
    expect(findings.map((f) => `${f.rule} ${f.severity} ${f.path}:${f.line} ${f.message}`)).toEqual([]);
  });

  it("are protected by the guard rules: dropping the NetworkPolicy or lowering the Namespace's enforce level blocks", async () => {
    const read = (name: string) => readFileSync(`${DEPLOY}${name}`, "utf8");
    const changes = [
      fileChange("deploy/network-policy.yaml", { base: read("network-policy.yaml") }),
      fileChange("deploy/namespace.yaml", { base: read("namespace.yaml"), head: read("namespace.yaml").replace("enforce: restricted", "enforce: privileged") }),
    ];
    const decided = applyPolicy((await analyzeManifests({ files: changes, policy, index: EMPTY_REPO_INDEX })).findings, policy.rules);
    expect(decided.map((f) => [f.rule, f.path, f.blocking])).toEqual([
      ["guard/pod-security-label-lowered", "deploy/namespace.yaml", true],
      ["guard/network-policy-deleted", "deploy/network-policy.yaml", true],
    ]);
  });
});
