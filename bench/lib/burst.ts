import type { Replica } from "./app-replica.js";
import { CheckRunTracker, checkSuiteDelivery, pullRequestDelivery, type Delivery, type OpenPull } from "./deliveries.js";
import type { FakeProcess } from "./fake-process.js";
import { percentile, sleep } from "./stats.js";

/**
 * A burst of `total` deliveries over the given pull requests, in rounds: every pull request's `pull_request.opened`
 * first, then its `check_suite.requested` (GitHub sends both for one push to an app with `checks: write`), then
 * redeliveries of the first (same delivery id, as GitHub's "Redeliver" sends). Every head must end with exactly one
 * evaluation; everything else is a duplicate the app collapses by design.
 */
export function planBurst(pulls: readonly OpenPull[], total: number, appId: number): Delivery[] {
  const firsts = pulls.map((pull) => pullRequestDelivery(pull, "opened"));
  const out: Delivery[] = [];
  for (let round = 0; out.length < total; round++) {
    for (const [i, pull] of pulls.entries()) {
      if (out.length >= total) break;
      out.push(round === 0 ? firsts[i]! : round === 1 ? checkSuiteDelivery(pull, appId) : firsts[i]!);
    }
  }
  return out;
}

export interface Ack {
  sentAt: number;
  ms: number;
  status: number;
  replica: number;
}

/**
 * Sends the deliveries open-loop at `perSecond` (each on schedule, whatever the previous answers), round-robin over
 * the replicas, and records each acknowledgement's latency (request sent → response).
 */
export async function sendBurst(replicas: readonly Replica[], deliveries: readonly Delivery[], perSecond: number): Promise<Ack[]> {
  const started = performance.now();
  const pending: Array<Promise<Ack>> = [];
  for (const [i, delivery] of deliveries.entries()) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const replica = i % replicas.length;
    const sentAt = Date.now();
    const t0 = performance.now();
    pending.push(
      replicas[replica]!.app.deliver(delivery.name, delivery.payload, { id: delivery.id }).then(
        async (response) => {
          await response.arrayBuffer();
          return { sentAt, ms: performance.now() - t0, status: response.status, replica };
        },
        () => ({ sentAt, ms: performance.now() - t0, status: 0, replica }),
      ),
    );
  }
  return Promise.all(pending);
}

export interface BurstAccount {
  deliveries: number;
  acked: number;
  ackP50: number;
  ackP99: number;
  ackMax: number;
  /** Distinct heads (repository × head) the burst asked about. */
  heads: number;
  /** Heads with a completed check run. */
  completed: number;
  lost: number;
  /** Jobs enqueued (one per accepted delivery), of which collapsed into a waiting job of the same change. */
  queued: number;
  collapsed: number;
  /** Jobs that ran and found the head already decided (a redelivery after the evaluation): one GET, no writes. */
  skipped: number;
  /** Evaluations that wrote a check run. */
  evaluated: number;
  /** Jobs put back because their change was running on another replica (PostgreSQL), and of those still waiting when counted. */
  deferred: number;
  waitingDeferred: number;
  /** Heads evaluated more than once, or with more than one check run created. */
  doubled: number;
  /** First delivery sent → last check run completed, ms. */
  completionMs: number;
  /** Evaluations per second over the burst (heads / completion time). */
  perSecond: number;
  /** Per installation: heads, and heads per second from the first delivery to its last completion. */
  byInstallation: Array<{ owner: string; heads: number; perSecond: number }>;
}

/** Waits for every head's run, then accounts for every delivery from the acknowledgements, the logs and the check runs. */
export async function accountBurst(options: {
  fake: FakeProcess;
  replicas: readonly Replica[];
  pulls: readonly OpenPull[];
  deliveries: readonly Delivery[];
  acks: readonly Ack[];
  timeoutMs: number;
}): Promise<BurstAccount> {
  const { fake, replicas, pulls, deliveries, acks } = options;
  const tracker = new CheckRunTracker(fake);
  const targets = pulls.map((p) => ({ owner: p.owner, head: p.head }));
  let lost = 0;
  try {
    await tracker.waitFor(targets, options.timeoutMs, 250);
  } catch {
    lost = targets.filter((t) => !tracker.completed(t.owner, t.head)).length;
  }
  // Redeliveries that came after their head's run completed are still running briefly: let the queues drain (a job
  // queued on one replica may run on another: count over all of them). On PostgreSQL a job whose change is running
  // on another replica is put back for 15 s (it will find the change decided): those are counted, not waited for.
  const sum = (f: (r: Replica) => number) => replicas.reduce((n, r) => n + f(r), 0);
  const unfinished = () => sum((r) => countLogs(r, "evaluation queued") - countLogs(r, "evaluation queued", true)) - sum(finished);
  const deferredLines = () => sum((r) => r.logs().filter((l) => typeof l.msg === "string" && l.msg.startsWith("rerun deferred")).length);
  const drained = Date.now() + 30_000;
  while (Date.now() < drained && unfinished() > 0 && unfinished() > deferredLines()) await sleep(100);
  await tracker.poll();
  const waitingDeferred = Math.max(0, unfinished());

  const logs = replicas.flatMap((r) => r.logs());
  const queuedLines = logs.filter((l) => l.msg === "evaluation queued");
  const completedLines = logs.filter((l) => l.msg === "evaluation completed");
  const evaluatedByHead = new Map<string, number>();
  for (const line of completedLines) {
    const key = `${String(line.repository).toLowerCase()}@${String(line.head)}`;
    evaluatedByHead.set(key, (evaluatedByHead.get(key) ?? 0) + 1);
  }
  const doubled = new Set([...evaluatedByHead].filter(([, n]) => n > 1).map(([k]) => k));
  for (const [key, run] of tracker.runs) if (run.creates > 1) doubled.add(key);
  const start = Math.min(...acks.map((a) => a.sentAt));
  const completions = pulls.map((p) => tracker.completed(p.owner, p.head)?.completedAt ?? Number.NaN).filter((t) => !Number.isNaN(t));
  const end = Math.max(...completions);
  const owners = [...new Set(pulls.map((p) => p.owner))];
  const ackMs = acks.map((a) => a.ms);
  return {
    deliveries: deliveries.length,
    acked: acks.filter((a) => a.status >= 200 && a.status < 300).length,
    ackP50: percentile(ackMs, 50),
    ackP99: percentile(ackMs, 99),
    ackMax: Math.max(...ackMs),
    heads: targets.length,
    completed: targets.length - lost,
    lost,
    queued: queuedLines.length,
    collapsed: queuedLines.filter((l) => l.duplicate === true).length,
    skipped: logs.filter((l) => typeof l.msg === "string" && l.msg.startsWith("this change already has a completed check run")).length,
    evaluated: completedLines.length,
    deferred: deferredLines(),
    waitingDeferred,
    doubled: doubled.size,
    completionMs: end - start,
    perSecond: completions.length / ((end - start) / 1000),
    byInstallation: owners.map((owner) => {
      const mine = pulls.filter((p) => p.owner === owner);
      const done = mine.map((p) => tracker.completed(p.owner, p.head)?.completedAt ?? Number.NaN).filter((t) => !Number.isNaN(t));
      return { owner, heads: mine.length, perSecond: done.length / ((Math.max(...done) - start) / 1000) };
    }),
  };
}

function countLogs(replica: Replica, msg: string, duplicate = false): number {
  return replica.logs().filter((l) => l.msg === msg && (!duplicate || l.duplicate === true)).length;
}

/** Jobs that ended: evaluated, skipped as already decided, or failed. */
function finished(replica: Replica): number {
  return replica.logs().filter((l) => l.msg === "evaluation completed" || (typeof l.msg === "string" && (l.msg.startsWith("this change already has") || l.msg.startsWith("evaluation job failed")))).length;
}
