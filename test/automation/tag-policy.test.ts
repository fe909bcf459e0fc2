import { describe, expect, it } from "vitest";
import { compileGoRegexp, expandGoTemplate } from "../../src/automation/go-regexp.js";
import { checkTag } from "../../src/automation/tag-policy.js";

const semver = (range: string, filterTags?: Record<string, string>) => ({ policy: { semver: { range } }, ...(filterTags ? { filterTags } : {}) });
const numerical = (filterTags?: Record<string, string>) => ({ policy: { numerical: { order: "asc" } }, ...(filterTags ? { filterTags } : {}) });
const allowed = { allowed: true };

describe("checkTag", () => {
  it("applies filterTags and extract before the semver range", () => {
    const spec = semver(">=1.0.0 <2.0.0", { pattern: "^v(?P<version>[0-9.]+)-alpine$", extract: "$version" });
    expect(checkTag(spec, "v1.4.0-alpine")).toEqual(allowed);
    expect(checkTag(spec, "v2.0.0-alpine")).toEqual({ allowed: false, reason: '"v2.0.0-alpine" (extracted "2.0.0") is outside the semver range ">=1.0.0 <2.0.0"' });
    expect(checkTag(spec, "v1.4.0")).toEqual({ allowed: false, reason: expect.stringContaining("does not match the policy's filterTags.pattern") });
  });

  it("accepts any filtered tag for numerical and alphabetical policies, a number for numerical", () => {
    const spec = numerical({ pattern: "^main-[a-f0-9]+-(?P<ts>[0-9]+)$", extract: "$ts" });
    expect(checkTag(spec, "main-3f2a9c1-1735689600")).toEqual(allowed);
    expect(checkTag(spec, "main-3f2a9c1-x")).toMatchObject({ allowed: false });
    expect(checkTag(numerical({ pattern: "^build-(.*)$", extract: "$1" }), "build-abc")).toEqual({ allowed: false, reason: '"build-abc" (extracted "abc") is not a number, so the numerical policy never selects it' });
    expect(checkTag({ policy: { alphabetical: { order: "desc" } } }, "anything-at-all")).toEqual(allowed);
    expect(checkTag({ policy: { alphabetical: { order: "sideways" } } }, "a")).toMatchObject({ allowed: false });
  });

  it("fails closed on a policy it cannot evaluate", () => {
    expect(checkTag(null, "1.0.0")).toMatchObject({ allowed: false, reason: expect.stringContaining("no semver, alphabetical or numerical") });
    expect(checkTag(semver("not a range"), "1.0.0")).toMatchObject({ allowed: false, reason: expect.stringContaining("improper constraint") });
    expect(checkTag({ policy: { semver: { range: 5 } } }, "5.0.0")).toMatchObject({ allowed: false });
    expect(checkTag(semver(">=1.0.0", { pattern: "^(?=1)" }), "1.0.0")).toMatchObject({ allowed: false, reason: expect.stringContaining("cannot evaluate it") });
  });
});

describe("Go regular expressions", () => {
  it("translates named groups and a leading (?i), and refuses what RE2 and JavaScript read differently", () => {
    expect("regex" in compileGoRegexp("^(?P<ts>[0-9]+)$")).toBe(true);
    expect("regex" in compileGoRegexp("^(?<ts>[0-9]+)$")).toBe(true);
    const insensitive = compileGoRegexp("(?i)^RELEASE-[a-z]+$");
    expect("regex" in insensitive && insensitive.regex.test("release-ABC")).toBe(true);
    for (const pattern of ["\\Aabc\\z", "(?=x)", "(?<!x)y", "a(?i)b", "\\pL+", "[[:alpha:]]", "(a)\\1", "[]a]", "\\Qa.b\\E", "a{1001}", "[abc", "\\"]) {
      expect(compileGoRegexp(pattern), pattern).toEqual({ error: expect.any(String) });
    }
  });

  it("expands templates as Regexp.ExpandString does", () => {
    const match = /^(?<major>\d+)\.(\d+)-(?<sha>[a-f0-9]+)$/.exec("1.22-abc")!;
    expect(expandGoTemplate("$major", match)).toBe("1");
    expect(expandGoTemplate("${major}.$2", match)).toBe("1.22");
    expect(expandGoTemplate("$1x", match)).toBe(""); // `$1x` names the group "1x", which does not exist
    expect(expandGoTemplate("${1}x", match)).toBe("1x");
    expect(expandGoTemplate("$$major", match)).toBe("$major");
    expect(expandGoTemplate("cost: $", match)).toBe("cost: $");
    expect(expandGoTemplate("${missing}-$9-$sha", match)).toBe("--abc");
  });
});
