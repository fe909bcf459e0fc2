import { describe, expect, it } from "vitest";
import { createMemoryQueue } from "../../src/app/job-queue.js";
import type { EvaluationJob } from "../../src/app/evaluation-job.js";

function job(key: string, deliveryId = key): EvaluationJob {
  return { key, kind: "pull_request", installationId: 1, owner: "o", repo: "r", base: "a", head: "b", pullNumber: 1, forced: false, deliveryId, event: "pull_request.opened" };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("createMemoryQueue", () => {
  it("never runs more than `concurrency` jobs at once, and runs them all", async () => {
    const queue = createMemoryQueue({ concurrency: 2 });
    let running = 0;
    let peak = 0;
    const done: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    queue.start(async (j) => {
      running++;
      peak = Math.max(peak, running);
      const gate = deferred();
      gates.set(j.key, gate);
      await gate.promise;
      running--;
      done.push(j.key);
    });
    for (const k of ["1", "2", "3", "4", "5"]) await queue.enqueue(job(k));
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 5));
      for (const [key, gate] of gates) if (!done.includes(key)) gate.resolve();
    }
    await queue.stop();
    expect(peak).toBe(2);
    expect(done.sort()).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("collapses a duplicate that arrives while the first is still waiting", async () => {
    const queue = createMemoryQueue({ concurrency: 1 });
    const seen: string[] = [];
    expect(await queue.enqueue(job("k", "first"))).toEqual({ duplicate: false });
    expect(await queue.enqueue(job("k", "again"))).toEqual({ duplicate: true });
    queue.start(async (j) => void seen.push(j.deliveryId));
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual(["first"]);
    expect(queue.depth()).toBe(0);
  });

  it("reports a failing worker and keeps going", async () => {
    const errors: string[] = [];
    const queue = createMemoryQueue({ concurrency: 1, onError: (e, j) => errors.push(`${j.key}: ${(e as Error).message}`) });
    const seen: string[] = [];
    queue.start(async (j) => {
      if (j.key === "bad") throw new Error("boom");
      seen.push(j.key);
    });
    await queue.enqueue(job("bad"));
    await queue.enqueue(job("good"));
    await new Promise((r) => setTimeout(r, 10));
    expect(errors).toEqual(["bad: boom"]);
    expect(seen).toEqual(["good"]);
  });

  it("refuses new jobs once stopped", async () => {
    const queue = createMemoryQueue({ concurrency: 1 });
    await queue.stop();
    await expect(queue.enqueue(job("x"))).rejects.toThrow(/shutting down/);
  });
});
