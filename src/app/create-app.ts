import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApplicationFunction, Probot } from "probot";
import { createTrustCache } from "../trust/trust-cache.js";
import type { Logger } from "pino";
import { jobsFromEvent } from "./jobs-from-event.js";
import { createMemoryQueue, type JobQueue } from "./job-queue.js";
import { evaluateJob, type JobDeps } from "./evaluate-job.js";
import { healthHandler } from "./health-handler.js";
import type { GitHubClient } from "./github-client.js";
import { MembershipCache } from "../approvals/membership-cache.js";

export interface AppOptions {
  /** This app's id: check suites and runs of other apps are ignored. */
  appId: number;
  /** The check run's name: what branch protection requires. */
  checkName: string;
  timeoutMs: number;
  concurrency: number;
  now?: () => Date;
  /** A durable queue; the in-memory one by default. */
  queue?: JobQueue;
  onOutcome?: JobDeps["onOutcome"];
  /** Called with the queue once running, so the process can drain it on shutdown. */
  onQueue?: (queue: JobQueue) => void;
  /** Extra HTTP routes (`/metrics`), registered like `/healthz`. */
  routes?: Array<(req: IncomingMessage, res: ServerResponse) => boolean>;
  /** Sees every Octokit the app makes (an installation's, or the app's own), e.g. to count requests. */
  instrument?: (octokit: unknown, installation: number | "app") => void;
  /** Called once at start with what background work (the reconciler) needs: the queue, the log, GitHub clients. */
  onReady?: (ready: AppReady) => void;
}

/** What `onReady` receives. */
export interface AppReady {
  queue: JobQueue;
  log: Logger;
  appClient(): Promise<GitHubClient>;
  installationClient(installationId: number): Promise<GitHubClient>;
}

const EVENTS = ["pull_request", "pull_request_review", "check_suite", "check_run", "merge_group", "push"] as const;

/**
 * The Probot app: webhook handlers only turn deliveries into jobs and enqueue them (GitHub gets its answer at once);
 * workers evaluate off the delivery path.
 */
export function createApp(options: AppOptions): ApplicationFunction {
  return (app: Probot, { addHandler }) => {
    const log = app.log.child({ name: "flux-warden" });
    const queue =
      options.queue ??
      createMemoryQueue({
        concurrency: options.concurrency,
        onError: (err, job) => log.error({ err, delivery: job.deliveryId, head: job.head }, "job failed before its check run could be written"),
      });
    const client = async (installation: number | "app"): Promise<GitHubClient> => {
      const octokit = await (installation === "app" ? app.auth() : app.auth(installation));
      options.instrument?.(octokit, installation);
      return octokit as unknown as GitHubClient;
    };
    const deps: JobDeps = {
      github: (installationId) => client(installationId),
      now: options.now ?? (() => new Date()),
      checkName: options.checkName,
      appId: options.appId,
      memberships: new MembershipCache(),
      trustCache: createTrustCache(),
      timeoutMs: options.timeoutMs,
      log,
      onOutcome: options.onOutcome,
    };
    queue.start(async (job) => {
      await evaluateJob(job, deps);
    });
    options.onQueue?.(queue);
    options.onReady?.({ queue, log, appClient: () => client("app"), installationClient: (id) => client(id) });

    app.on([...EVENTS], async (context) => {
      const outcome = jobsFromEvent({ name: context.name, id: context.id, payload: context.payload, appId: options.appId });
      if (outcome.ignored) {
        log.debug({ delivery: context.id, event: context.name }, outcome.ignored);
        return;
      }
      for (const job of outcome.jobs) {
        const { duplicate } = await queue.enqueue(job);
        log.info({ delivery: context.id, repository: `${job.owner}/${job.repo}`, head: job.head, event: job.event, duplicate }, "evaluation queued");
      }
    });
    app.on(["installation", "installation_repositories"], async (context) => {
      const payload = context.payload as { action?: string; installation?: { id?: number; account?: { login?: string } } };
      log.info({ delivery: context.id, event: `${context.name}.${payload.action}`, installation: payload.installation?.id, account: payload.installation?.account?.login }, "installation changed");
    });

    try {
      addHandler(healthHandler(() => ({ queueDepth: queue.depth() })));
      for (const route of options.routes ?? []) addHandler(route);
    } catch {
      // A bare `new Probot()` (tests) has no server to add routes to.
    }
  };
}
