import type { Logger } from "pino";
import type { Decision } from "../engine/decision.js";
import { runCheck } from "../check/run-check.js";
import type { TrustCache } from "../trust/trust-cache.js";
import { createGitHubSource } from "../sources/github-source.js";
import { CheckRunReporter } from "./check-run-reporter.js";
import { EvaluationTimeoutError } from "./describe-failure.js";
import type { EvaluationJob } from "./evaluation-job.js";
import type { GitHubClient } from "./github-client.js";
import { createEvidenceGatherer } from "./gather-evidence.js";
import type { MembershipCache } from "../approvals/membership-cache.js";

/** What the worker needs from the outside, passed in. */
export interface JobDeps {
  github(installationId: number): Promise<GitHubClient>;
  now(): Date;
  checkName: string;
  /** This app's id: only its own check runs count as evidence that a head passed the gate. */
  appId: number;
  /** Team memberships read for approvals, shared by every job of the process (briefly). */
  memberships: MembershipCache;
  /** Trust read from recent base commits, shared by every job of the process. */
  trustCache?: TrustCache;
  timeoutMs: number;
  log: Logger;
  /** Sinks that record the outcome (audit, metrics); called after the check run is written. */
  onOutcome?: (outcome: JobOutcome) => Promise<void> | void;
}

export interface JobOutcome {
  job: EvaluationJob;
  checkRunId: number;
  decision: Decision | null;
  error: unknown;
  durationMs: number;
  /** The head already had a completed run for this change and the delivery was not a rerun: nothing was evaluated. */
  skipped?: boolean;
}

/**
 * One evaluation, start to end: check run `in_progress`, read the change through the API, decide, complete the run.
 * Any failure after the run exists completes it as `failure` with an explanation; a failure before it exists (GitHub
 * unreachable) is thrown so the queue can retry.
 */
export async function evaluateJob(job: EvaluationJob, deps: JobDeps): Promise<JobOutcome> {
  const started = performance.now();
  const log = deps.log.child({ delivery: job.deliveryId, repository: `${job.owner}/${job.repo}`, head: job.head, event: job.event });
  const github = await deps.github(job.installationId);
  const reporter = new CheckRunReporter(github, job, deps.checkName, deps.now);
  const { checkRunId, alreadyDecided } = await reporter.start();
  if (alreadyDecided) {
    log.info({ checkRunId }, "this change already has a completed check run; nothing to do for a redelivery");
    return { job, checkRunId, decision: null, error: null, durationMs: Math.round(performance.now() - started), skipped: true };
  }
  let decision: Decision | null = null;
  let error: unknown = null;
  try {
    const source = createGitHubSource({ octokit: github, owner: job.owner, repo: job.repo });
    decision = await withTimeout(
      runCheck({
        source,
        request: { base: job.base, head: job.head, ...(job.pullNumber ? { pullNumber: job.pullNumber } : {}) },
        now: deps.now(),
        arrival: { forcePush: job.forced, kind: job.kind },
        gatherEvidence: createEvidenceGatherer({ github, job, checkName: deps.checkName, appId: deps.appId, memberships: deps.memberships }),
        ...(deps.trustCache ? { trustCache: deps.trustCache } : {}),
      }),
      deps.timeoutMs,
    );
    await reporter.complete(checkRunId, decision);
  } catch (caught) {
    error = caught;
    decision = null;
    log.error({ err: caught }, "evaluation failed; completing the check run as failure");
    await reporter.fail(checkRunId, caught);
  }
  const durationMs = Math.round(performance.now() - started);
  const outcome: JobOutcome = { job, checkRunId, decision, error, durationMs };
  log.info({ checkRunId, conclusion: decision?.conclusion ?? "failure", durationMs, findings: decision?.findings.length ?? null }, "evaluation completed");
  await deps.onOutcome?.(outcome);
  return outcome;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EvaluationTimeoutError(ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
