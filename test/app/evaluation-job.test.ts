import { describe, expect, it } from "vitest";
import { isRerun } from "../../src/app/evaluation-job.js";

describe("isRerun", () => {
  it("re-decides a completed head only when a person asks, a review changes the evidence, or a retry follows a crash", () => {
    for (const event of ["check_run.rerequested", "check_run.requested_action", "check_suite.rerequested", "pull_request_review.submitted", "pull_request_review.dismissed"]) {
      expect(isRerun({ event })).toBe(true);
    }
    expect(isRerun({ event: "pull_request.synchronize", attempt: 2 })).toBe(true);
  });

  it("leaves a completed head alone for redeliveries and for the reconciler racing a webhook", () => {
    for (const event of ["pull_request.opened", "pull_request.synchronize", "push", "merge_group.checks_requested", "reconcile"]) {
      expect(isRerun({ event, attempt: 1 })).toBe(false);
    }
  });
});
