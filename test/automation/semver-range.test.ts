import { describe, expect, it } from "vitest";
import { parseSemverRange, satisfies } from "../../src/automation/semver-range.js";
import { compareVersions, parseTagVersion } from "../../src/automation/semver-version.js";

/** `[range, tag, selected]`: what Masterminds/semver v3 (the image-reflector-controller's library) answers. */
const CASES: Array<[string, string, boolean]> = [
  [">=1.0.0 <2.0.0", "1.0.0", true],
  [">=1.0.0 <2.0.0", "1.9.99", true],
  [">=1.0.0 <2.0.0", "2.0.0", false],
  [">=1.0.0 <2.0.0", "0.9.9", false],
  [">=1.0.0, <2.0.0", "1.5.0", true],
  [">= 1.0.0 < 2.0.0", "1.5.0", true],
  // Pre-releases only when the AND group names one itself.
  [">=1.0.0 <2.0.0", "1.5.0-rc.1", false],
  [">=1.0.0-0 <2.0.0", "1.5.0-rc.1", true],
  [">=1.0.0-0 <2.0.0", "2.0.0-rc.1", true],
  ["<1.0.0 || >=1.2.0-beta", "1.3.0-rc.1", true],
  ["<1.0.0-0 || >=1.2.0", "1.3.0-rc.1", false],
  ["1.2.3-beta.2", "1.2.3-beta.2", true],
  ["1.2.3-beta.2", "1.2.3-beta.10", false],
  [">1.2.3-beta.2", "1.2.3-beta.10", true],
  [">1.2.3-alpha", "1.2.3-beta", true],
  [">1.2.3-beta", "1.2.3-2", false],
  // Wildcards, tilde, caret, hyphen ranges.
  ["5.1.x", "5.1.7", true],
  ["5.1.x", "5.2.0", false],
  ["5.x", "5.9.0", true],
  ["*", "99.0.0", true],
  ["*", "1.0.0-rc.1", false],
  ["~1.2.3", "1.2.9", true],
  ["~1.2.3", "1.3.0", false],
  ["~1", "1.9.0", true],
  ["^1.2.3", "1.9.0", true],
  ["^1.2.3", "2.0.0", false],
  ["^0.2.3", "0.2.9", true],
  ["^0.2.3", "0.3.0", false],
  ["^0.0.3", "0.0.4", false],
  ["1.2.3 - 1.4.5", "1.4.5", true],
  ["1.2.3 - 1.4.5", "1.4.6", false],
  ["1.2 - 1.4", "1.4.9", true],
  [">1", "1.9.0", false],
  [">1", "2.0.0", true],
  [">1.2", "1.2.9", false],
  ["<=1.2", "1.2.9", true],
  ["<=1.2", "1.3.0", false],
  ["!=1.2.3", "1.2.3", false],
  ["!=1.2.x", "1.2.5", false],
  ["!=1.2.x", "1.3.0", true],
  // Tags are read with Flux's ParseVersion: strict, one leading "v" allowed.
  ["=1.2.3", "v1.2.3", true],
  [">=1.0.0", "1.2", false],
  [">=1.0.0", "V1.2.3", false],
  [">=1.0.0", "01.2.3", false],
  [">=1.0.0", "1.2.3-01", false],
  [">=1.0.0", "latest", false],
];

describe("semver ranges as Flux's ImagePolicy evaluates them", () => {
  it.each(CASES)("%s selects %s: %s", (range, tag, selected) => {
    const parsed = parseSemverRange(range);
    if ("error" in parsed) throw new Error(parsed.error);
    const version = parseTagVersion(tag);
    expect(version !== null && satisfies(version, parsed)).toBe(selected);
  });

  it("refuses what NewConstraint refuses, and over-long ranges", () => {
    for (const range of ["", "foo", ">=1.0.0 <", "1.0.0 -", "~>", "1.0.0 && 2.0.0", `>=1.0.0 ${"<2.0.0 ".repeat(60)}`]) {
      expect(parseSemverRange(range), JSON.stringify(range)).toEqual({ error: expect.any(String) });
    }
  });

  it("orders pre-releases by their dot-separated parts", () => {
    const order = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"];
    const versions = order.map((t) => parseTagVersion(t)!);
    for (let i = 1; i < versions.length; i++) expect(compareVersions(versions[i - 1]!, versions[i]!), order[i]).toBe(-1);
  });
});
