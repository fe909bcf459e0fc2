import type { JobOutcome } from "../app/evaluate-job.js";
import { queueJobIdOf } from "../queue/queued-job.js";
import { AUDIT_RECORD_VERSION, type AuditEntry } from "./audit-record.js";

/** What an audit entry needs besides the outcome: the clock and the app's version. */
export interface AuditContext {
  now: Date;
  appVersion: string;
}

/**
 * The audit entry for one finished job: what was evaluated, with which policy and keys, each commit's signer and
 * verdict, every finding (and the exception that accepted it), and the conclusion posted. An evaluation that failed is
 * recorded too, as `failure` with its error — the log answers for every check run, not only the clean ones.
 */
export function buildAuditEntry(outcome: JobOutcome, { now, appVersion }: AuditContext): AuditEntry {
  const { job, decision } = outcome;
  return {
    version: AUDIT_RECORD_VERSION,
    time: now.toISOString(),
    jobId: queueJobIdOf(job),
    delivery: job.deliveryId,
    event: job.event,
    kind: job.kind,
    installation: job.installationId,
    repository: `${job.owner}/${job.repo}`,
    pullRequest: job.pullNumber,
    base: job.base,
    head: job.head,
    forced: job.forced,
    policy: decision ? { ...decision.policy } : null,
    keys: (decision?.keys ?? []).map(({ type, fingerprint, source }) => ({ type, fingerprint, source })),
    commits: (decision?.commits ?? []).map((c) => ({
      sha: c.sha,
      verified: c.verified,
      reason: c.reason,
      signer: c.signer ? { type: c.signer.type, fingerprint: c.signer.fingerprint, keyId: c.signer.keyId, userIds: [...c.signer.userIds] } : null,
      tenants: [...c.tenants],
      webFlow: c.webFlow ? { kind: c.webFlow.kind, accepted: c.webFlow.accepted, detail: c.webFlow.detail, pull: c.webFlow.pull ?? null } : null,
      ...(c.automation ? { automation: true as const } : {}),
    })),
    findings: (decision?.findings ?? []).map((f) => ({
      rule: f.rule,
      severity: f.severity,
      blocking: f.blocking,
      message: f.message,
      path: f.path,
      line: f.line,
      commit: f.commit,
      object: f.object ? { ...f.object } : null,
      exception: f.exception ? { rule: f.exception.rule, reason: f.exception.reason } : null,
      // A waiver is an accepted risk someone took: who approved, in which review, on which head — kept like exceptions.
      waiver: f.waiver ? { reason: f.waiver.reason, pull: f.waiver.pull, approvals: f.waiver.approvals.map((a) => ({ ...a })) } : null,
    })),
    conclusion: decision && !outcome.error ? decision.conclusion : "failure",
    checkRunId: outcome.checkRunId,
    durationMs: outcome.durationMs,
    appVersion,
    error: outcome.error === null || outcome.error === undefined ? null : errorMessage(outcome.error),
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
