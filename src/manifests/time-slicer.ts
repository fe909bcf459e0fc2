import { setImmediate as nextTurn } from "node:timers/promises";

/** Lets long synchronous work give the event loop a turn: call it between units of work and await it. */
export type Pause = () => Promise<void>;

/**
 * A pause that yields to the event loop (webhook acknowledgements, health checks, other evaluations' I/O) once
 * `budgetMs` of work has passed since the last turn, and costs a clock read otherwise. It changes no result, only
 * when the work runs: a 50-file pull request's parsing is no longer one 50–100 ms block of the loop.
 */
export function createTimeSlicer(budgetMs = 8): Pause {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await nextTurn();
    since = performance.now();
  };
}
