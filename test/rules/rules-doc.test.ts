import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { GATE_RULES } from "../../src/engine/gate-rules.js";
import { RULES } from "../../src/rules/catalogue.js";
import { anchor, renderRulesDoc } from "../../src/rules/render-rules-doc.js";
import { RULE_FAMILIES } from "../../src/rules/validate-catalogue.js";

const DOC = fileURLToPath(new URL("../../docs/rules.md", import.meta.url));

describe("docs/rules.md", () => {
  it("is generated from the current catalogue (run `npm run docs:rules` when this fails)", () => {
    const fresh = renderRulesDoc(RULES, GATE_RULES);
    const committed = readFileSync(DOC, "utf8");
    expect(committed === fresh, "docs/rules.md is stale: run `npm run docs:rules` and commit the result").toBe(true);
  });

  it("has a section for every rule, reachable from the contents and from SARIF's helpUri anchor", () => {
    const doc = renderRulesDoc(RULES, GATE_RULES);
    for (const id of [...RULES, ...GATE_RULES].map((r) => r.id)) {
      expect(doc).toContain(`\n### ${id}\n`);
      expect(doc).toContain(`](#${anchor(id)})`);
      expect(anchor(id)).toBe(id.replace("/", ""));
    }
  });

  it("shows each rule's default severity, why, fix and examples", () => {
    const doc = renderRulesDoc(RULES, GATE_RULES);
    const section = doc.slice(doc.indexOf("### rbac/cluster-admin-binding"), doc.indexOf("### rbac/admin-edit-cluster-binding"));
    expect(section).toContain("default severity: **critical**");
    expect(section).toContain("**Why it matters.** cluster-admin is every permission");
    expect(section).toContain("**How to fix it.** Bind a purpose-built ClusterRole");
    expect(section).toMatch(/Fires on:\n\n```yaml\napiVersion: rbac.authorization.k8s.io\/v1\nkind: ClusterRoleBinding/);
    expect(section).toMatch(/Passes:\n\n```yaml\napiVersion: rbac.authorization.k8s.io\/v1\nkind: RoleBinding/);
  });

  it("lists families in design-notes order, gate families first", () => {
    const doc = renderRulesDoc(RULES, GATE_RULES);
    const order = [...doc.matchAll(/^## (\S+)$/gm)].map((m) => m[1]).filter((f) => f !== "Contents");
    // Every family of design notes §4 that has rules, in that order (families land one at a time).
    const present = RULE_FAMILIES.filter((family) => RULES.some((rule) => rule.id.startsWith(`${family}/`)));
    expect(present).toEqual(expect.arrayContaining(["manifest", "tenancy", "rbac", "flux", "secrets", "guard", "kustomize"]));
    expect(order).toEqual(["signature", "ownership", "automation", "branch", ...present]);
  });
});
