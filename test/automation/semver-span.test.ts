import { describe, expect, it } from "vitest";
import { isWiderSpan, semverSpan } from "../../src/automation/semver-span.js";

/** How far a range lets releases move, as Masterminds/semver (Flux's image-reflector and helm-controller) reads it. */
describe("semverSpan", () => {
  it.each([
    ["1.4.2", "exact"],
    ["=1.2.3", "exact"],
    ["~1.4", "patches"],
    ["1.4.x", "patches"],
    ["1.2.3 - 1.2.9", "patches"],
    ["^0.2.3", "patches"],
    ["^1.4", "minors"],
    ["1.x", "minors"],
    [">=1.0.0 <1.5.0", "minors"],
    [">=1.4.0 <3.0.0", "majors"],
    ["~1.4 || ~9.0", "majors"],
    ["~1.4 || ~1.6", "minors"],
    [">=1.0.0", "majors"],
  ])("%s lets releases move by %s", (range, span) => {
    expect(semverSpan(range)?.span).toBe(span);
  });

  it("names the versions that show the span", () => {
    expect(semverSpan("^1.4")).toEqual({ span: "minors", from: "1.4.0", to: "1.5.0" });
  });

  it("gives nothing for a range the controller refuses or one that admits no release", () => {
    expect(semverSpan("bogus")).toBeNull();
    expect(semverSpan(">2.0.0 <1.0.0")).toBeNull();
  });

  it("orders spans", () => {
    expect(isWiderSpan("patches", "minors")).toBe(true);
    expect(isWiderSpan("minors", "patches")).toBe(false);
    expect(isWiderSpan("minors", "minors")).toBe(false);
  });
});
