import { describe, expect, it } from "vitest";
import { currentApprovals } from "../../src/approvals/current-approvals.js";
import { MembershipCache } from "../../src/approvals/membership-cache.js";
import { describeApprovers } from "../../src/approvals/describe-approvers.js";

describe("currentApprovals", () => {
  it("keeps each reviewer's standing decision, split by whether it is on the head", () => {
    const reviews = [
      { id: 1, login: "ann", state: "APPROVED", commitId: "old" },
      { id: 2, login: "bob", state: "APPROVED", commitId: "head" },
      { id: 3, login: "ANN", state: "APPROVED", commitId: "head" },
      { id: 4, login: "cid", state: "APPROVED", commitId: "head" },
      { id: 5, login: "cid", state: "CHANGES_REQUESTED", commitId: "head" },
      { id: 6, login: "bob", state: "COMMENTED", commitId: "head" },
      { id: 7, login: "dee", state: "APPROVED", commitId: "old" },
      { id: 8, login: "eve", state: "PENDING", commitId: "head" },
    ];
    expect(currentApprovals(reviews, "head")).toEqual({
      current: [{ login: "ANN", reviewId: 3, commit: "head" }, { login: "bob", reviewId: 2, commit: "head" }],
      stale: [{ login: "dee", reviewId: 7, commit: "old" }],
    });
  });
});

describe("MembershipCache", () => {
  it("answers for a minute, per installation, case-insensitively, then asks again", () => {
    let now = 0;
    const cache = new MembershipCache(() => now);
    cache.set(1, "Acme/Platform", "Dana", true);
    expect(cache.get(1, "acme/platform", "dana")).toBe(true);
    expect(cache.get(2, "acme/platform", "dana")).toBeUndefined();
    now = 59_999;
    expect(cache.get(1, "acme/platform", "dana")).toBe(true);
    now = 60_000;
    expect(cache.get(1, "acme/platform", "dana")).toBeUndefined();
  });
});

describe("describeApprovers", () => {
  it("names teams and logins the way a reader says them", () => {
    expect(describeApprovers(["acme/platform", "carol", "dave"])).toBe("a member of acme/platform, @carol or @dave");
  });
});
