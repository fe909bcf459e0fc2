import type { JobOutcome } from "../app/evaluate-job.js";
import type { WardenMetrics } from "./create-metrics.js";

/** The metrics sink: counts one finished evaluation. Decides nothing; reads only the Decision and the job. */
export function recordOutcome(metrics: WardenMetrics, { job, decision, error, durationMs }: JobOutcome): void {
  const failed = error !== null && error !== undefined;
  metrics.decisions.inc({ conclusion: decision && !failed ? decision.conclusion : "failure" });
  metrics.evaluationDuration.observe(durationMs / 1000);
  if (failed || !decision) {
    metrics.evaluationErrors.inc();
    return;
  }
  const repository = `${job.owner}/${job.repo}`.toLowerCase();
  for (const commit of decision.commits) {
    metrics.commitVerifications.inc({ outcome: commit.reason });
    if (!commit.verified) metrics.commitVerificationFailures.inc({ repository, reason: commit.reason, kind: job.kind });
  }
  for (const finding of decision.findings) metrics.findings.inc({ rule: finding.rule, severity: finding.severity });
}
