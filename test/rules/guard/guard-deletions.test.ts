import { describe, expect, it } from "vitest";
import { analyzeManifests } from "../../../src/manifests/analyze-manifests.js";
import { EMPTY_REPO_INDEX } from "../../../src/manifests/repo-index.js";
import { RULES } from "../../../src/rules/catalogue.js";
import type { FileChange } from "../../../src/sources/change-set.js";
import { fileChange } from "../support/file-change.js";
import { fixturePolicy } from "../support/fixture-policy.js";

const policy = fixturePolicy();
const analyze = (files: FileChange[]) => analyzeManifests({ files, policy, index: EMPTY_REPO_INDEX });
const guards = async (files: FileChange[]) => (await analyze(files)).findings.filter((f) => f.rule.startsWith("guard/"));

const PATH = "clusters/prod/platform/network-policies.yaml";
const DENY = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: payments\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n";
const OTHER = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n  namespace: payments\ndata:\n  a: b\n";

// A guard can disappear in ways a per-file diff does not show; identity across the change set sees all of them.
describe("guard deletions across files", () => {
  it("reports a guard removed from a file at its line in the base version", async () => {
    const base = `${OTHER}---\n${DENY}`;
    expect((await guards([fileChange(PATH, { base, head: OTHER })])).map((f) => [f.rule, f.path, f.line, f.object?.name])).toEqual([
      ["guard/network-policy-deleted", PATH, 9, "default-deny"],
    ]);
  });

  it("reports a guard whose file is deleted", async () => {
    expect((await guards([fileChange(PATH, { base: DENY })])).map((f) => [f.rule, f.path, f.line])).toEqual([["guard/network-policy-deleted", PATH, 1]]);
  });

  it("reports a guard whose file is renamed to a type Flux does not apply, under its old path", async () => {
    const { findings, skipped } = await analyze([fileChange(`${PATH}.disabled`, { base: DENY, head: DENY, previousPath: PATH })]);
    expect(skipped).toEqual([{ path: `${PATH}.disabled`, reason: "not a YAML file" }]);
    expect(findings.map((f) => [f.rule, f.path, f.line])).toEqual([["guard/network-policy-deleted", PATH, 1]]);
  });

  it("does not report a guard moved to another file, renamed with its file, or wrapped in a List", async () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n${DENY.replace(/^/gm, "    ").replace(/^    /, "  - ")}`;
    expect(await guards([fileChange(PATH, { base: DENY }), fileChange("clusters/prod/platform/policies/deny.yaml", { head: DENY })])).toEqual([]);
    expect(await guards([fileChange("clusters/prod/platform/netpol.yaml", { base: DENY, head: DENY, previousPath: PATH })])).toEqual([]);
    expect(await guards([fileChange(PATH, { base: DENY, head: list })])).toEqual([]);
  });

  it("reports a guard whose head no longer parses: what Flux cannot build it cannot apply (fail closed)", async () => {
    const rules = (await analyze([fileChange(PATH, { base: DENY, head: `${DENY}  ingress: [\n` })])).findings.map((f) => f.rule).sort();
    expect(rules).toEqual(["guard/network-policy-deleted", "manifest/parse-error"]);
  });

  // Every deletion rule fires on its own base example when the file holding it is deleted.
  for (const rule of RULES.filter((r) => r.id.startsWith("guard/") && r.examples.base !== undefined && /deleted/.test(r.examples.bad))) {
    it(`${rule.id}: deleting the file that holds the guard is reported`, async () => {
      const findings = (await analyze([fileChange(PATH, { base: rule.examples.base! })])).findings.filter((f) => f.rule === rule.id);
      expect(findings.map((f) => [f.path, f.line, f.severity])).toEqual([[PATH, 1, rule.severity]]);
    });
  }

  it("compares a guard moved to another file with its base: a weakening in the move is reported at the new line", async () => {
    const enforce = "apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: p\nspec:\n  validationFailureAction: Enforce\n  rules:\n    - name: r\n      validate:\n        pattern: {}\n";
    const moved = "clusters/prod/platform/kyverno/p.yaml";
    const findings = await guards([fileChange(PATH, { base: enforce }), fileChange(moved, { head: enforce.replace("Enforce", "Audit") })]);
    expect(findings.map((f) => [f.rule, f.path, f.line])).toEqual([["guard/kyverno-policy-weakened", moved, 6]]);
  });
});
