/** What the app evaluates: one base..head of one repository, for one reason. Serializable (queues persist it). */
export interface EvaluationJob {
  /** Collapses duplicates: same repository, kind, base and head ⇒ one evaluation. */
  key: string;
  kind: "pull_request" | "push" | "merge_group";
  installationId: number;
  owner: string;
  repo: string;
  /** Trust comes from here: the PR's base branch tip, the default branch before a push, the merge group's base. */
  base: string;
  head: string;
  pullNumber: number | null;
  /** For pushes: the branch was force-pushed (history rewritten). */
  forced: boolean;
  /** The webhook delivery that asked for it (the first one, when duplicates collapsed). */
  deliveryId: string;
  event: string;
}

export function jobKey(job: Pick<EvaluationJob, "owner" | "repo" | "kind" | "base" | "head">): string {
  return `${job.owner}/${job.repo}:${job.kind}:${job.base}..${job.head}`.toLowerCase();
}

/**
 * The check run remembers what it evaluated in `external_id`, so a "Re-run" on a push or merge-group check (which
 * carries no pull request) can be evaluated again exactly.
 */
export function encodeExternalId(job: EvaluationJob): string {
  return [job.kind, job.base, job.head, job.pullNumber ?? "", job.forced ? "forced" : ""].join(":");
}

export function decodeExternalId(
  externalId: string | null | undefined,
): Pick<EvaluationJob, "kind" | "base" | "head" | "pullNumber" | "forced"> | null {
  const parts = (externalId ?? "").split(":");
  const [kind, base, head, pull, forced] = parts;
  if (parts.length !== 5 || !base || !head || !["pull_request", "push", "merge_group"].includes(kind ?? "")) return null;
  if (!/^[0-9a-f]{40,64}$/.test(base) || !/^[0-9a-f]{40,64}$/.test(head)) return null;
  return { kind: kind as EvaluationJob["kind"], base, head, pullNumber: pull ? Number(pull) : null, forced: forced === "forced" };
}

/**
 * Events by which a person asks for a fresh evaluation, rather than GitHub (re)delivering one. A review changes the
 * evidence, not the change: the head's completed run must be decided again, like a rerun. The reconciler is not a
 * rerun: it catches heads without a completed run, and a webhook may complete one before its job runs — the job then
 * finds that run and writes nothing (a stuck `in_progress` run is still taken over).
 */
const RERUN_EVENTS = new Set([
  "check_run.rerequested",
  "check_run.requested_action",
  "check_suite.rerequested",
  "pull_request_review.submitted",
  "pull_request_review.edited",
  "pull_request_review.dismissed",
]);

/**
 * True when the job must be evaluated again even if its head already has a completed run for the same change. A
 * durable queue's retried attempt (`attempt` > 1) counts: the previous attempt may have completed the run and died
 * before its audit record was written, and skipping would lose that record (the audit append is idempotent per job).
 */
export function isRerun(job: Pick<EvaluationJob, "event"> & { attempt?: number }): boolean {
  return RERUN_EVENTS.has(job.event) || (job.attempt ?? 1) > 1;
}
