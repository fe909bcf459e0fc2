import { jobKey, type EvaluationJob } from "../../src/app/evaluation-job.js";
import type { JobOutcome } from "../../src/app/evaluate-job.js";
import type { Decision } from "../../src/engine/decision.js";

/** A pull-request job; jobs with the same `n` share a key (duplicate deliveries of one change). */
export function job(n: number, deliveryId = `delivery-${n}`): EvaluationJob {
  const base = n.toString(16).padStart(40, "b");
  const head = n.toString(16).padStart(40, "c");
  const fields = { kind: "pull_request" as const, owner: "acme", repo: "fleet", base, head };
  return { ...fields, key: jobKey(fields), installationId: 7, pullNumber: n, forced: false, deliveryId, event: "pull_request.synchronize" };
}

/** A small successful Decision for a job, standing in for the engine's. */
export function decisionFor(j: EvaluationJob): Decision {
  return {
    version: 1,
    conclusion: "success",
    base: j.base,
    head: j.head,
    mode: "every-commit",
    policy: { path: ".github/flux-warden.yml", ref: j.base, blob: null, source: "default" },
    keys: [],
    keyProblems: [],
    commits: [],
    findings: [],
    tenants: {},
    skipped: [],
  };
}

/** The outcome evaluateJob would report for a clean evaluation of `j`. */
export function outcomeFor(j: EvaluationJob): JobOutcome {
  return { job: j, checkRunId: 42, decision: decisionFor(j), error: null, durationMs: 5 };
}

/** A promise with its resolver, for gating workers without sleeping. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
