import type { EvaluationJob } from "../app/evaluation-job.js";

/**
 * A job as a durable queue hands it to the worker: the EvaluationJob plus the queue's id for it. The id is the same
 * on every attempt (a re-run after a crash or an expired lease), so sinks can make their writes idempotent with it —
 * the audit log keys records on it. Structurally an EvaluationJob, so the worker and evaluateJob need no change.
 */
export interface QueuedJob extends EvaluationJob {
  queueJobId: string;
  /** 1 for the first run, 2 after one retry or re-claim, … */
  attempt: number;
}

/** The queue id of a job, when a durable queue delivered it; null for the in-memory queue. */
export function queueJobIdOf(job: EvaluationJob): string | null {
  const id = (job as Partial<QueuedJob>).queueJobId;
  return typeof id === "string" && id !== "" ? id : null;
}

/** Strips queue bookkeeping: what is persisted is the EvaluationJob only. */
export function evaluationJobOf(job: EvaluationJob): EvaluationJob {
  const { queueJobId: _id, attempt: _attempt, ...rest } = job as QueuedJob;
  return rest;
}
