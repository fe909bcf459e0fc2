import { describe, expect, it } from "vitest";
import { analyzeManifests } from "../../src/manifests/analyze-manifests.js";
import { EMPTY_REPO_INDEX } from "../../src/manifests/repo-index.js";
import { RULES } from "../../src/rules/catalogue.js";
import { fileChange } from "./support/file-change.js";
import { fixturePolicy } from "./support/fixture-policy.js";

/** Examples that cannot stand alone: a file that is not a blob, or a change that needs its base. */
const NOT_STANDALONE = new Set(["manifest/too-large", "manifest/submodule", "flux/source-verify-weakened"]);
const policy = fixturePolicy();

/** The path an example names in its first comment (`# clusters/prod/payments/rbac.yaml, …`), else a platform path. */
function pathOf(example: string, id: string): string {
  const named = /^#\s*([\w./-]+\.ya?ml)\b/.exec(example)?.[1];
  if (named) return named;
  return id.startsWith("kustomize/") ? "clusters/prod/platform/kustomization.yaml" : "clusters/prod/platform/example.yaml";
}

// The docs must not lie (Polaris' hand-written docs disagreed with its checks): each example does what it claims.
describe("rule examples in docs/rules.md", () => {
  for (const rule of RULES.filter((r) => !NOT_STANDALONE.has(r.id))) {
    const { base } = rule.examples;
    it(`${rule.id}: the bad example fires, the good one does not${base === undefined ? "" : " (both as edits of the base example)"}`, async () => {
      const run = async (text: string) =>
        (await analyzeManifests({ files: [fileChange(pathOf(base ?? text, rule.id), { base: base ?? null, head: text })], policy, index: EMPTY_REPO_INDEX })).findings.filter((f) => f.rule === rule.id);
      expect((await run(rule.examples.bad)).length, "bad example does not fire").toBeGreaterThan(0);
      expect((await run(rule.examples.good)).map((f) => f.message)).toEqual([]);
    });
  }
});
