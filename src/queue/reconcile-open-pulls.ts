import { jobKey, type EvaluationJob } from "../app/evaluation-job.js";
import type { GitHubClient } from "../app/github-client.js";

/** What a reconciler pass needs from the outside, passed in (tests pass nock-backed clients). */
export interface ReconcileDeps {
  /** The app-level client (JWT): lists installations. */
  appClient(): Promise<GitHubClient>;
  /** A client authenticated as one installation. */
  installationClient(installationId: number): Promise<GitHubClient>;
  enqueue(job: EvaluationJob): Promise<{ duplicate: boolean }>;
  /** The check run name branch protection requires. */
  checkName: string;
  /** Only this app's runs count as evaluated (another app could post a run with the same name). */
  appId?: number;
  now(): Date;
  /** A repository or installation that could not be read: reported, and the pass goes on with the others. */
  onError?: (error: unknown, where: string) => void;
}

/** What one pass saw and queued. */
export interface ReconcileResult {
  repositories: number;
  pulls: number;
  /** Heads without a completed run that were queued. */
  queued: EvaluationJob[];
  errors: number;
}

const PER_PAGE = 100;

/**
 * One reconciler pass: every open pull request of every installation's repositories whose head has no completed
 * flux-warden check run (a webhook that never arrived, a delivery during downtime) gets an evaluation job, with the
 * same key a webhook would have produced so it collapses with one already queued.
 */
export async function reconcileOpenPulls(deps: ReconcileDeps): Promise<ReconcileResult> {
  const result: ReconcileResult = { repositories: 0, pulls: 0, queued: [], errors: 0 };
  const deliveryId = `reconcile-${deps.now().toISOString()}`;
  const app = await deps.appClient();
  const installations = await pages<{ id: number }>(app, "GET /app/installations", {}, (data) => data);
  for (const installation of installations) {
    try {
      const github = await deps.installationClient(installation.id);
      const repositories = await pages<Repository>(github, "GET /installation/repositories", {}, (data) => data.repositories);
      for (const repository of repositories.filter((r) => !r.archived)) {
        const owner = repository.owner.login;
        const repo = repository.name;
        try {
          result.repositories++;
          const pulls = await pages<Pull>(github, "GET /repos/{owner}/{repo}/pulls", { owner, repo, state: "open" }, (data) => data);
          for (const pull of pulls) {
            result.pulls++;
            if (await hasCompletedRun(github, deps, owner, repo, pull.head.sha)) continue;
            const fields = { kind: "pull_request" as const, owner, repo, base: pull.base.sha, head: pull.head.sha };
            const job: EvaluationJob = { ...fields, key: jobKey(fields), installationId: installation.id, pullNumber: pull.number, forced: false, deliveryId, event: "reconcile" };
            await deps.enqueue(job);
            result.queued.push(job);
          }
        } catch (error) {
          result.errors++;
          deps.onError?.(error, `${owner}/${repo}`);
        }
      }
    } catch (error) {
      result.errors++;
      deps.onError?.(error, `installation ${installation.id}`);
    }
  }
  return result;
}

async function hasCompletedRun(github: GitHubClient, deps: ReconcileDeps, owner: string, repo: string, ref: string): Promise<boolean> {
  const { data } = await github.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", { owner, repo, ref, check_name: deps.checkName, filter: "latest", per_page: PER_PAGE });
  const runs = (data.check_runs ?? []) as Array<{ status: string; app?: { id?: number } | null }>;
  return runs.some((run) => run.status === "completed" && (deps.appId === undefined || run.app?.id === deps.appId));
}

/** Reads every page of a list endpoint (100 a page; a short page is the last). */
async function pages<T>(github: GitHubClient, route: string, params: Record<string, unknown>, pick: (data: any) => T[]): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const { data } = await github.request(route, { ...params, per_page: PER_PAGE, page });
    const items = pick(data) ?? [];
    all.push(...items);
    if (items.length < PER_PAGE) return all;
  }
}

interface Repository {
  name: string;
  owner: { login: string };
  archived?: boolean;
}

interface Pull {
  number: number;
  base: { sha: string };
  head: { sha: string };
}
