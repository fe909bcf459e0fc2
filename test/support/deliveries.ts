import { waitFor, type AppProcess } from "./app-process.js";
import { checkRunStates, type CheckRunState } from "./check-run-state.js";
import type { FakeGitHub } from "./fake-github.js";
import { examplePayload } from "./webhook-examples.js";

/**
 * Webhook deliveries and fake-GitHub controls for the end-to-end tests: pull requests, reviews, team memberships,
 * GitHub's merge records and pushes, all shaped like GitHub's (payloads from @octokit/webhooks-examples), each
 * expected to be acknowledged with 200.
 */
export class Deliveries {
  constructor(
    private readonly app: AppProcess,
    private readonly github: FakeGitHub,
    private readonly installation: number,
  ) {}

  private repository(payload: Record<string, any>): Record<string, any> {
    return { ...payload.repository, name: "fleet", full_name: "acme/fleet", owner: { ...payload.repository.owner, login: "acme", name: "acme" }, default_branch: "main" };
  }

  /** Registers (or updates) pull request `number` and delivers `pull_request.<action>`. */
  async pull(number: number, base: string, head: string, action: "opened" | "synchronize" = "opened", title?: string): Promise<void> {
    const pull = await this.github.addPull({ number, base, head, ...(title ? { title } : {}) });
    const payload = examplePayload("pull_request", "opened");
    Object.assign(payload, { action, number, pull_request: pull, repository: this.repository(payload), installation: { id: this.installation } });
    await this.expectAccepted(this.app.deliver("pull_request", payload));
  }

  /** Records a review in the fake and delivers `pull_request_review.submitted`. */
  async review(number: number, base: string, head: string, user: string, commitId: string): Promise<void> {
    const review = await this.control("reviews", { pull: number, user, state: "APPROVED", commit_id: commitId });
    const pull = await this.github.addPull({ number, base, head });
    const payload = examplePayload("pull_request_review", "submitted");
    Object.assign(payload, { pull_request: pull, review: { ...payload.review, ...review, state: "approved" }, repository: this.repository(payload), installation: { id: this.installation } });
    await this.expectAccepted(this.app.deliver("pull_request_review", payload));
  }

  /** Delivers a push to the default branch (`forced` for a force push). */
  async push(before: string, after: string, forced = false): Promise<void> {
    const payload = examplePayload("push", undefined, (p) => p.ref === "refs/heads/master" && !p.deleted);
    Object.assign(payload, { ref: "refs/heads/main", before, after, forced, repository: this.repository(payload), installation: { id: this.installation } });
    await this.expectAccepted(this.app.deliver("push", payload));
  }

  /** `POST /_fake/<what>`: reviews, teams, merged. */
  async control(what: "reviews" | "teams" | "merged", body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.github.url}/_fake/${what}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (response.status >= 300) throw new Error(`fake GitHub ${what}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? {} : ((await response.json()) as Record<string, unknown>);
  }

  /** The newest completed run on `head`, once `head` has at least `count` completed runs. */
  async completed(head: string, count = 1): Promise<CheckRunState> {
    const done = () => checkRunStates(this.github.checkRuns()).filter((r) => r.headSha === head && r.status === "completed");
    await waitFor(() => done().length >= count, 90_000, () => `no ${count} completed run(s) on ${head}:\n${JSON.stringify(checkRunStates(this.github.checkRuns()).filter((r) => r.headSha === head), null, 1)}\n${this.app.output().slice(-3000)}`);
    return done().sort((a, b) => b.id - a.id)[0]!;
  }

  private async expectAccepted(response: Promise<Response>): Promise<void> {
    const answer = await response;
    if (answer.status !== 200) throw new Error(`delivery refused: HTTP ${answer.status}`);
  }
}
