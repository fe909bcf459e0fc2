import type { Decision } from "../engine/decision.js";
import { headline } from "../render/summarize.js";
import { renderMarkdown } from "../render/render-markdown.js";
import { annotationsFor, batches } from "./check-run-annotations.js";
import { encodeExternalId, isRerun, type EvaluationJob } from "./evaluation-job.js";
import { describeRequestError, type GitHubClient } from "./github-client.js";
import { describeFailure } from "./describe-failure.js";

/**
 * The one sink that writes check runs, one per head commit and name: a redelivery never adds a second run.
 */
export class CheckRunReporter {
  constructor(
    private readonly github: GitHubClient,
    private readonly job: EvaluationJob,
    private readonly name: string,
    private readonly now: () => Date,
  ) {}

  private get repo() {
    return { owner: this.job.owner, repo: this.job.repo };
  }

  /**
   * Claims the head's check run for this evaluation:
   * - a run still `queued`/`in_progress` (a duplicate delivery, or a worker that died mid-evaluation) is taken over;
   * - a completed run for the same change is the answer already — a redelivery changes nothing, since the engine is
   *   deterministic — unless a person asked for a rerun;
   * - otherwise a new run is created (GitHub's convention for reruns: annotations of an updated run would pile up).
   */
  async start(): Promise<{ checkRunId: number; alreadyDecided: boolean }> {
    const existing = await this.github.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
      ...this.repo,
      ref: this.job.head,
      check_name: this.name,
      filter: "latest",
      per_page: 1,
    });
    const run = (existing.data.check_runs as Array<{ id: number; status: string; external_id?: string | null }> | undefined)?.[0];
    const externalId = encodeExternalId(this.job);
    if (run && run.status === "completed" && run.external_id === externalId && !isRerun(this.job)) {
      return { checkRunId: run.id, alreadyDecided: true };
    }
    const body = {
      ...this.repo,
      status: "in_progress",
      started_at: this.now().toISOString(),
      external_id: externalId,
      output: { title: "Evaluating", summary: `flux-warden is verifying ${this.job.base.slice(0, 12)}..${this.job.head.slice(0, 12)}.` },
    };
    if (run && run.status !== "completed") {
      await this.github.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", { ...body, check_run_id: run.id });
      return { checkRunId: run.id, alreadyDecided: false };
    }
    const created = await this.github.request("POST /repos/{owner}/{repo}/check-runs", { ...body, name: this.name, head_sha: this.job.head });
    return { checkRunId: created.data.id as number, alreadyDecided: false };
  }

  /** Completes the run with the Decision: conclusion, summary, and every annotation in batches of 50. */
  async complete(checkRunId: number, decision: Decision): Promise<void> {
    const title = `flux-warden ${headline(decision)}`.slice(0, 255);
    const summary = renderMarkdown(decision);
    const [first = [], ...rest] = batches(annotationsFor(decision.findings));
    await this.updateAnnotated(checkRunId, { status: "completed", conclusion: decision.conclusion, completed_at: this.now().toISOString() }, { title, summary }, first);
    for (const annotations of rest) await this.updateAnnotated(checkRunId, {}, { title, summary }, annotations);
  }

  /**
   * An update carrying annotations. GitHub refuses a batch it cannot place (422: e.g. a path a deleted object's
   * finding points at, which no longer exists at head); the conclusion and the summary — which lists every finding —
   * must still be written, so the update is sent again without that batch.
   */
  private async updateAnnotated(checkRunId: number, body: Record<string, unknown>, output: { title: string; summary: string }, annotations: unknown[]): Promise<void> {
    try {
      await this.update(checkRunId, { ...body, output: { ...output, annotations } });
    } catch (error) {
      if (annotations.length === 0 || describeRequestError(error).status !== 422) throw error;
      await this.update(checkRunId, { ...body, output });
    }
  }

  /** Fail closed: whatever went wrong, the run ends `failure` with what happened and what to do — never `in_progress`. */
  async fail(checkRunId: number, error: unknown): Promise<void> {
    const failure = describeFailure(error, this.job);
    await this.update(checkRunId, {
      status: "completed",
      conclusion: "failure",
      completed_at: this.now().toISOString(),
      output: { title: failure.title, summary: failure.summary },
    });
  }

  private async update(checkRunId: number, body: Record<string, unknown>): Promise<void> {
    await this.github.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", { ...this.repo, check_run_id: checkRunId, ...body });
  }
}
