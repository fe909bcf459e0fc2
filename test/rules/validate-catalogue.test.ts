import { describe, expect, it } from "vitest";
import { RULES, ruleById } from "../../src/rules/catalogue.js";
import { describeRule } from "../../src/rules/describe-rule.js";
import type { ObjectRule } from "../../src/rules/types.js";
import { validateCatalogue } from "../../src/rules/validate-catalogue.js";

const rule = (overrides: Partial<ObjectRule> = {}): ObjectRule => ({
  id: "rbac/example",
  severity: "high",
  title: "Example",
  description: "Catches an example.",
  why: "Because examples matter.",
  fix: "Remove the example.",
  examples: { bad: "a: 1\n", good: "a: 2\n" },
  scope: "object",
  check: () => [],
  ...overrides,
});

describe("validateCatalogue", () => {
  it("accepts the real catalogue", () => {
    expect(RULES.length).toBeGreaterThan(40);
    expect(ruleById("rbac/cluster-admin-binding")?.severity).toBe("critical");
  });

  it("throws once, listing every problem", () => {
    const broken = [
      rule(),
      rule(),
      rule({ id: "rbac/no-fix", fix: "" }),
      rule({ id: "rbac/no-period", fix: "Do this", why: "" }),
      rule({ id: "RBAC/Bad_Id" }),
      rule({ id: "nosuch/family" }),
      rule({ id: "rbac/no-examples", examples: { bad: "", good: "a: 1\n" } }),
      rule({ id: "rbac/titled", title: "Ends with a period." }),
    ];
    let message = "";
    try {
      validateCatalogue(broken);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split("\n")).toEqual([
      "invalid rule catalogue:",
      "  - rbac/example: duplicate id",
      "  - rbac/no-fix: missing fix",
      "  - rbac/no-period: missing why",
      "  - rbac/no-period: fix must end with a period",
      '  - RBAC/Bad_Id: id must be "family/name" in kebab-case',
      '  - nosuch/family: unknown family "nosuch"',
      "  - rbac/no-examples: missing examples.bad",
      "  - rbac/titled: title must not end with a period (it is a heading)",
    ]);
  });

  it("refuses an id the gate rules already use", () => {
    expect(() => validateCatalogue([rule({ id: "manifest/x" })], ["manifest/x"])).toThrow(/manifest\/x: duplicate id/);
  });
});

describe("describeRule", () => {
  it("describes manifest rules and the gate's own rules", () => {
    expect(describeRule("flux/source-verify-weakened")).toMatchObject({ severity: "critical", title: "Source signature verification removed or weakened" });
    expect(describeRule("signature/unsigned")?.title).toBe("Commit is not signed");
    expect(describeRule("nosuch/rule")).toBeUndefined();
  });
});
