import { describe, expect, it } from "vitest";
import { applyPolicy } from "../../src/engine/apply-policy.js";
import type { RuleFinding } from "../../src/engine/finding.js";
import { parsePolicy } from "../../src/policy/load-policy.js";

function found(rule: string, severity: RuleFinding["severity"], path: string | null = "clusters/a.yaml"): RuleFinding {
  return { rule, severity, message: `${rule} found`, remediation: "fix it.", path, line: 3, commit: null, object: null };
}

const rulesOf = (text: string) => parsePolicy(`version: 1\nrules:\n${text}`, "p.yml").rules;

describe("applyPolicy", () => {
  it("blocks at and above rules.block", () => {
    const out = applyPolicy([found("a/low", "low"), found("a/high", "high"), found("a/medium", "medium")], rulesOf("  block: medium\n"));
    expect(out.map((f) => [f.rule, f.blocking])).toEqual([["a/high", true], ["a/medium", true], ["a/low", false]]);
  });

  it("drops disabled rules and applies severity overrides before deciding blocking", () => {
    const out = applyPolicy([found("a/x", "critical"), found("a/y", "low")], rulesOf('  disable: ["a/x"]\n  severity: { "a/y": critical }\n'));
    expect(out.map((f) => [f.rule, f.severity, f.blocking])).toEqual([["a/y", "critical", true]]);
  });

  it("applies exceptions by rule glob and path glob, carrying the reason and never blocking", () => {
    const rules = rulesOf(`  exceptions:\n    - { rule: "rbac/*", paths: ["clusters/*/flux-system/**"], reason: "Flux's own controllers" }\n`);
    const out = applyPolicy(
      [found("rbac/cluster-admin-binding", "critical", "clusters/prod/flux-system/gotk-components.yaml"), found("rbac/cluster-admin-binding", "critical", "clusters/prod/payments/x.yaml")],
      rules,
    );
    expect(out.map((f) => [f.path, f.blocking, f.exception?.reason])).toEqual([
      ["clusters/prod/payments/x.yaml", true, undefined],
      ["clusters/prod/flux-system/gotk-components.yaml", false, "Flux's own controllers"],
    ]);
  });

  it("keeps signature findings critical and blocking whatever the thresholds", () => {
    const out = applyPolicy([found("signature/unsigned", "low", null)], rulesOf("  block: critical\n"));
    expect(out).toMatchObject([{ rule: "signature/unsigned", severity: "critical", blocking: true }]);
  });

  it("orders findings deterministically: blocking, severity, path, line, rule", () => {
    const a = { ...found("z/z", "high", "b.yaml"), line: 9 };
    const b = { ...found("z/a", "high", "b.yaml"), line: 9 };
    const c = { ...found("z/z", "high", "b.yaml"), line: 2 };
    const d = found("z/z", "critical", "z.yaml");
    expect(applyPolicy([a, b, c, d], rulesOf("  block: high\n")).map((f) => `${f.path}:${f.line} ${f.rule}`)).toEqual([
      "z.yaml:3 z/z",
      "b.yaml:2 z/z",
      "b.yaml:9 z/a",
      "b.yaml:9 z/z",
    ]);
  });
});
