import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { QueueStats } from "../queue/queue-stats.js";

/** Where scrape-time figures come from. */
export interface MetricsOptions {
  /** Read at every scrape: the queue's depth and the age of its oldest job. */
  queueStats?: () => Promise<QueueStats>;
  /** Process metrics (CPU, memory, event loop lag, GC); off in tests that compare exact output. */
  defaultMetrics?: boolean;
}

/**
 * flux-warden's metrics, in a Registry of its own (never prom-client's global one, so two apps in one process — tests —
 * don't collide). Labels are bounded: repository and rule ids, never shas or delivery ids.
 */
export function createMetrics({ queueStats, defaultMetrics = true }: MetricsOptions = {}) {
  const registry = new Registry();
  if (defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  let lastStats: QueueStats | null = null;
  let reading: Promise<QueueStats | null> | null = null;
  // Both queue gauges share one read per scrape (they are collected concurrently); a failed read keeps the last values.
  const readStats = (): Promise<QueueStats | null> => {
    if (!queueStats) return Promise.resolve(null);
    reading ??= queueStats()
      .then((stats) => (lastStats = stats), () => lastStats)
      .finally(() => (reading = null));
    return reading;
  };

  return {
    registry,
    decisions: new Counter({ name: "flux_warden_decisions_total", help: "Evaluations completed, by the conclusion posted on the check run (errors conclude failure).", labelNames: ["conclusion"], registers }),
    commitVerifications: new Counter({ name: "flux_warden_commit_verifications_total", help: "Commits verified, by outcome (verified, unsigned, untrusted-key, bad-signature, expired-key, revoked-key, unsupported-format).", labelNames: ["outcome"], registers }),
    commitVerificationFailures: new Counter({
      name: "flux_warden_commit_verification_failures_total",
      help: "Commits whose signature did not verify, by repository, reason and kind of change (push, pull_request, merge_group).",
      labelNames: ["repository", "reason", "kind"],
      registers,
    }),
    findings: new Counter({ name: "flux_warden_findings_total", help: "Findings reported, by rule id and severity.", labelNames: ["rule", "severity"], registers }),
    evaluationDuration: new Histogram({
      name: "flux_warden_evaluation_duration_seconds",
      help: "Time from taking a job to completing its check run.",
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    }),
    evaluationErrors: new Counter({ name: "flux_warden_evaluation_errors_total", help: "Evaluations that could not finish (API error, timeout, invalid policy); each concluded failure.", registers }),
    githubRequests: new Counter({ name: "flux_warden_github_requests_total", help: "GitHub API requests, by kind (method and resource, e.g. `GET pulls`, `POST graphql`).", labelNames: ["kind"], registers }),
    githubRateLimitRemaining: new Gauge({
      name: "flux_warden_github_rate_limit_remaining",
      help: "x-ratelimit-remaining of the latest GitHub response, by installation (`app` for app-level calls) and resource.",
      labelNames: ["installation", "resource"],
      registers,
    }),
    queueDepth: new Gauge({
      name: "flux_warden_queue_depth",
      help: "Evaluation jobs waiting or running.",
      registers,
      async collect() {
        const stats = await readStats();
        if (stats) this.set(stats.depth);
      },
    }),
    queueOldestJobAge: new Gauge({
      name: "flux_warden_queue_oldest_job_age_seconds",
      help: "Age of the oldest job waiting or running; grows when evaluations stall.",
      registers,
      async collect() {
        const stats = await readStats();
        if (stats) this.set(stats.oldestAgeSeconds);
      },
    }),
    reconcilerCatchUps: new Counter({
      name: "flux_warden_reconciler_catch_ups_total",
      help: "Pull-request heads the reconciler found without a completed check run and queued (missed webhooks, downtime).",
      registers,
    }),
  };
}

/** The metric set the app records into. */
export type WardenMetrics = ReturnType<typeof createMetrics>;
