import { describe, expect, it } from "vitest";
import { createTimeSlicer } from "../../src/manifests/time-slicer.js";

/** Long analyses give the event loop a turn (webhook acknowledgements wait on it), and only when their budget is spent. */
describe("createTimeSlicer", () => {
  const otherWork = () => {
    const ran = { done: false };
    setImmediate(() => (ran.done = true));
    return ran;
  };
  const busy = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };

  it("lets waiting callbacks run once the budget is spent", async () => {
    const pause = createTimeSlicer(5);
    const other = otherWork();
    busy(10);
    await pause();
    expect(other.done).toBe(true);
  });

  it("does not yield while the budget lasts", async () => {
    const pause = createTimeSlicer(60_000);
    const other = otherWork();
    await pause();
    expect(other.done).toBe(false);
  });
});
