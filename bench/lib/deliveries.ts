import { randomUUID } from "node:crypto";
import type { RecordedCheckRun } from "../../test/support/fake-github.js";
import { examplePayload } from "../../test/support/webhook-examples.js";
import type { FakeProcess } from "./fake-process.js";
import { sleep } from "./stats.js";

/** A pull request as the fake registered it (GitHub's object), with the installation it belongs to. */
export interface OpenPull {
  owner: string;
  installationId: number;
  number: number;
  head: string;
  base: string;
  json: Record<string, unknown>;
}

export interface Delivery {
  name: string;
  id: string;
  payload: Record<string, unknown>;
  /** The head it asks to evaluate. */
  head: string;
  owner: string;
}

function repository(template: Record<string, any>, owner: string): Record<string, unknown> {
  return { ...template, name: "fleet", full_name: `${owner}/fleet`, owner: { ...template.owner, login: owner }, default_branch: "main" };
}

/** `pull_request.<action>` for a pull request, from GitHub's own example payload. */
export function pullRequestDelivery(pull: OpenPull, action: "opened" | "synchronize" | "reopened" = "opened", id: string = randomUUID()): Delivery {
  const payload = examplePayload("pull_request", "opened");
  Object.assign(payload, { action, number: pull.number, pull_request: pull.json, repository: repository(payload.repository, pull.owner), installation: { id: pull.installationId } });
  return { name: "pull_request", id, payload, head: pull.head, owner: pull.owner };
}

/** `check_suite.requested`, which GitHub sends to an app with `checks: write` for every push (same change, another event). */
export function checkSuiteDelivery(pull: OpenPull, appId: number, id: string = randomUUID()): Delivery {
  const payload = examplePayload("check_suite", "requested");
  payload.check_suite = {
    ...payload.check_suite,
    app: { ...payload.check_suite.app, id: appId },
    head_sha: pull.head,
    head_branch: `pr-${pull.number}`,
    pull_requests: [{ number: pull.number, head: { sha: pull.head, ref: `pr-${pull.number}` }, base: { sha: pull.base, ref: "main" } }],
  };
  Object.assign(payload, { repository: repository(payload.repository, pull.owner), installation: { id: pull.installationId } });
  return { name: "check_suite", id, payload, head: pull.head, owner: pull.owner };
}

/** Check runs as the fake saw them written, by `repository@head`. */
export interface RunRecord {
  creates: number;
  updates: number;
  /** When the first `completed` write arrived (ms since the epoch). */
  completedAt: number | null;
  conclusion: string | null;
}

/** Follows the fake's check-run writes (incrementally), for completion times and counts per repository and head. */
export class CheckRunTracker {
  readonly runs = new Map<string, RunRecord>();
  #seen = 0;
  readonly #headOf = new Map<number, string>();

  constructor(private readonly fake: FakeProcess) {}

  static key(owner: string, head: string): string {
    return `${owner.toLowerCase()}/fleet@${head}`;
  }

  #polling: Promise<void> | null = null;

  /** Reads the writes recorded since the last poll (concurrent callers share one read, so none is skipped). */
  poll(): Promise<void> {
    this.#polling ??= this.#read().finally(() => (this.#polling = null));
    return this.#polling;
  }

  async #read(): Promise<void> {
    const fresh: RecordedCheckRun[] = await this.fake.checkRuns(this.#seen);
    this.#seen += fresh.length;
    for (const write of fresh) {
      if (write.action === "create") this.#headOf.set(write.id, `${write.repository}@${String(write.body.head_sha)}`);
      const key = this.#headOf.get(write.id);
      if (!key) continue;
      const record = this.runs.get(key) ?? { creates: 0, updates: 0, completedAt: null, conclusion: null };
      if (write.action === "create") record.creates++;
      else record.updates++;
      if ((write.body.status === "completed" || write.body.conclusion) && record.completedAt === null) {
        record.completedAt = write.at;
        record.conclusion = typeof write.body.conclusion === "string" ? write.body.conclusion : null;
      }
      this.runs.set(key, record);
    }
  }

  completed(owner: string, head: string): RunRecord | undefined {
    const run = this.runs.get(CheckRunTracker.key(owner, head));
    return run?.completedAt ? run : undefined;
  }

  /** Waits until every `(owner, head)` has a completed run; throws after `timeoutMs`. */
  async waitFor(targets: Array<{ owner: string; head: string }>, timeoutMs: number, pollMs = 200): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.poll();
      const missing = targets.filter((t) => !this.completed(t.owner, t.head));
      if (missing.length === 0) return;
      if (Date.now() > deadline) throw new Error(`${missing.length} of ${targets.length} heads have no completed check run after ${timeoutMs} ms (first: ${missing[0]!.owner} ${missing[0]!.head})`);
      await sleep(pollMs);
    }
  }
}
