import { decodeExternalId } from "./evaluation-job.js";
import { describeRequestError, type GitHubClient } from "./github-client.js";
import type { CheckFact, GitHubFacts } from "../web-flow/github-facts.js";

/** Who is asking: the repository, and this app's check (its name, and its app id — the only proof a run is ours). */
export interface FactsTarget {
  owner: string;
  repo: string;
  checkName: string;
  appId: number;
}

/**
 * Reads, once per commit and evaluation, what GitHub knows about a commit: flux-warden's completed check runs on it,
 * and the merged pull request GitHub made it from. A failed read is recorded (the engine fails closed on it), never
 * thrown: the evaluation still completes, with a finding that says what could not be read.
 */
export class CommitFactsReader {
  readonly facts: GitHubFacts = { checks: {}, mergedPulls: {}, errors: {} };

  constructor(
    private readonly github: GitHubClient,
    private readonly target: FactsTarget,
  ) {}

  /** 1 request: `GET commits/{sha}/check-runs` (this app's runs of this name, every run, not only the latest). */
  async readChecks(sha: string): Promise<void> {
    if (sha in this.facts.checks || sha in this.facts.errors) return;
    try {
      const { data } = await this.github.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
        owner: this.target.owner,
        repo: this.target.repo,
        ref: sha,
        check_name: this.target.checkName,
        // `latest` (the default) would return the run this very evaluation just created on a pushed head.
        filter: "all",
        per_page: 100,
      });
      const runs = (data.check_runs ?? []) as Array<{ id: number; status: string; conclusion: string | null; external_id?: string | null; app?: { id?: number } }>;
      // Any app with checks: write can create a run with this name: only this app's runs count.
      this.facts.checks[sha] = runs.filter((run) => run.app?.id === this.target.appId && run.status === "completed").map(toCheckFact);
    } catch (error) {
      this.facts.errors[sha] = `reading flux-warden's check runs on ${sha.slice(0, 12)}: ${describeReadError(error)}`;
    }
  }

  /**
   * `GET commits/{sha}/pulls`: the merged pull request whose `merge_commit_sha` is `sha` (GitHub's own record that
   * its merge, squash or rebase produced this commit). When there is one, its head's tree (`GET git/commits/{head}`)
   * and flux-warden's checks on that head: 1 request, or 3.
   */
  async readMergedPull(sha: string): Promise<void> {
    if (sha in this.facts.mergedPulls || sha in this.facts.errors) return;
    const repo = { owner: this.target.owner, repo: this.target.repo };
    try {
      const { data } = await this.github.request("GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls", { ...repo, commit_sha: sha, per_page: 100 });
      const pulls = (data ?? []) as Array<{ number: number; merged_at?: string | null; merge_commit_sha?: string | null; head?: { sha?: string } }>;
      const merged = pulls.find((p) => p.merged_at && p.merge_commit_sha === sha && p.head?.sha);
      if (!merged) {
        this.facts.mergedPulls[sha] = null;
        return;
      }
      const head = merged.head!.sha!;
      const commit = await this.github.request("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", { ...repo, commit_sha: head });
      this.facts.mergedPulls[sha] = { number: merged.number, head, headTree: String(commit.data.tree?.sha ?? "") };
      await this.readChecks(head);
    } catch (error) {
      this.facts.errors[sha] = `reading the pull request GitHub merged into ${sha.slice(0, 12)}: ${describeReadError(error)}`;
    }
  }
}

function toCheckFact(run: { id: number; conclusion: string | null; external_id?: string | null }): CheckFact {
  const evaluated = decodeExternalId(run.external_id);
  return { id: run.id, conclusion: run.conclusion, kind: evaluated?.kind ?? null, base: evaluated?.base ?? null, pull: evaluated?.pullNumber ?? null };
}

/** `HTTP 502, request id X` for GitHub's errors (what an admin needs to ask GitHub), else the message. */
export function describeReadError(error: unknown): string {
  const { status, requestId } = describeRequestError(error);
  if (status !== null) return `GitHub answered HTTP ${status}${requestId ? ` (request id ${requestId})` : ""}`;
  return error instanceof Error ? error.message : String(error);
}
