import { describe, expect, it } from "vitest";
import { isRerun } from "../../src/app/evaluation-job.js";
import { evaluationJobOf, queueJobIdOf, type QueuedJob } from "../../src/queue/queued-job.js";
import { job } from "./queue-fixtures.js";

describe("QueuedJob", () => {
  const queued: QueuedJob = { ...job(1), queueJobId: "0b7d…", attempt: 2 };

  it("carries the queue's job id to the sinks, and none for the in-memory queue", () => {
    expect(queueJobIdOf(queued)).toBe("0b7d…");
    expect(queueJobIdOf(job(1))).toBeNull();
  });

  it("persists only the EvaluationJob", () => {
    expect(evaluationJobOf(queued)).toEqual(job(1));
  });

  it("makes a retried attempt evaluate again even when the head's run is complete (its audit record may be missing)", () => {
    expect(isRerun(job(1))).toBe(false);
    expect(isRerun({ ...queued, attempt: 1 })).toBe(false);
    expect(isRerun(queued)).toBe(true);
  });
});
