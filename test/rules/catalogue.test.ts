import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeManifests } from "../../src/manifests/analyze-manifests.js";
import { buildRepoIndex } from "../../src/manifests/repo-index.js";
import { RULES } from "../../src/rules/catalogue.js";
import { loadFixtureCase } from "./support/fixture-case.js";
import { fixturePolicy, MANIFEST_FIXTURES } from "./support/fixture-policy.js";
import { treeOf } from "./support/tree-reader.js";

const ROOT = join(MANIFEST_FIXTURES, "rules");
const policy = fixturePolicy();

/** `<family>/<rule>` folders under fixtures/manifests/rules. */
function fixtureFolders(): string[] {
  return readdirSync(ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((family) => readdirSync(join(ROOT, family.name), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${family.name}/${d.name}`));
}

function cases(id: string): string[] {
  const dir = join(ROOT, id);
  return existsSync(dir) ? readdirSync(dir).filter((f) => /^(?:fire|pass).*\.ya?ml$/.test(f) && !f.endsWith(".base.yaml")).sort() : [];
}

describe("rule catalogue fixtures", () => {
  it("every rule has fire and pass fixtures, and every fixture folder is a rule", () => {
    const ids = RULES.map((r) => r.id);
    const missing = ids.filter((id) => !cases(id).some((f) => f.startsWith("fire")) || !cases(id).some((f) => f.startsWith("pass")));
    expect(missing, "rules without a fire*.yaml and a pass*.yaml fixture").toEqual([]);
    expect(fixtureFolders().filter((id) => !ids.includes(id)), "fixture folders without a rule").toEqual([]);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      for (const file of cases(rule.id)) {
        const fixture = loadFixtureCase(join(ROOT, rule.id), file);
        it(`${fixture.name} ${fixture.expectation === "fire" ? "fires" : "does not fire"}`, async () => {
          const index = await buildRepoIndex(treeOf(fixture.tree), [fixture.change]);
          const { findings } = await analyzeManifests({ files: [fixture.change], policy, index });
          const mine = findings.filter((f) => f.rule === rule.id);
          if (fixture.expectation === "pass") {
            expect(mine.map((f) => `${f.line}: ${f.message}`)).toEqual([]);
            return;
          }
          expect(mine.length, `no ${rule.id} finding`).toBeGreaterThan(0);
          for (const finding of mine) {
            expect(finding).toMatchObject({ severity: rule.severity, remediation: rule.fix, path: fixture.change.path });
            expect(finding.message).toMatch(/\.$/);
          }
          if (fixture.expectedLines.length > 0) {
            expect([...new Set(mine.map((f) => f.line))].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(fixture.expectedLines);
          }
        });
      }
    });
  }
});
