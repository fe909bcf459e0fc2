import { decodeExternalId, jobKey, type EvaluationJob } from "./evaluation-job.js";

/** What to do with one webhook delivery: the evaluations it asks for, or why it asks for none. */
export type EventOutcome = { jobs: EvaluationJob[]; ignored?: undefined } | { jobs: []; ignored: string };

export interface DeliveryInfo {
  /** `pull_request`, `push`, … */
  name: string;
  id: string;
  payload: unknown;
  /** This app's id: suites and runs of other apps are not ours to evaluate. */
  appId: number;
}

const ZERO_SHA = /^0+$/;

/** Pure mapping from a webhook delivery to evaluation jobs. No I/O: every decision here is unit-testable. */
export function jobsFromEvent({ name, id, payload, appId }: DeliveryInfo): EventOutcome {
  const p = (typeof payload === "object" && payload !== null ? payload : {}) as Payload;
  const action = p.action;
  const repo = p.repository;
  if (!repo?.owner?.login || !repo.name) return ignore(`${name}: no repository in the payload`);
  const installationId = p.installation?.id;
  if (!installationId) return ignore(`${name}: no installation in the payload`);
  const make = (fields: Pick<EvaluationJob, "kind" | "base" | "head" | "pullNumber" | "forced">): EvaluationJob => {
    const job = { ...fields, installationId, owner: repo.owner!.login!, repo: repo.name!, deliveryId: id, event: action ? `${name}.${action}` : name };
    return { ...job, key: jobKey(job) };
  };

  switch (name) {
    case "pull_request": {
      const pr = p.pull_request;
      if (!pr?.base?.sha || !pr.head?.sha) return ignore("pull_request: payload without base/head");
      const relevant = ["opened", "synchronize", "reopened"].includes(action ?? "") || (action === "edited" && p.changes?.base !== undefined);
      if (!relevant) return ignore(`pull_request.${action}: nothing to evaluate`);
      return { jobs: [make({ kind: "pull_request", base: pr.base.sha, head: pr.head.sha, pullNumber: pr.number ?? null, forced: false })] };
    }
    case "pull_request_review": {
      // A review can waive ownership findings (or withdraw a waiver): evaluate the pull request's current head again,
      // whatever head the review itself was on — an approval of an older head is stale and waives nothing.
      const pr = p.pull_request;
      if (!["submitted", "edited", "dismissed"].includes(action ?? "")) return ignore(`pull_request_review.${action}: nothing to evaluate`);
      if (!pr?.base?.sha || !pr.head?.sha) return ignore("pull_request_review: payload without base/head");
      if (pr.state === "closed") return ignore("pull_request_review on a closed pull request: nothing left to gate");
      // Webhook review states are lower-case (`approved`, `commented`); a comment changes no one's standing decision.
      if (action === "submitted" && p.review?.state?.toLowerCase() === "commented") return ignore("pull_request_review.submitted: a comment changes no approval");
      return { jobs: [make({ kind: "pull_request", base: pr.base.sha, head: pr.head.sha, pullNumber: pr.number ?? null, forced: false })] };
    }
    case "check_suite": {
      const suite = p.check_suite;
      if (!["requested", "rerequested"].includes(action ?? "")) return ignore(`check_suite.${action}: nothing to evaluate`);
      if (suite?.app?.id !== appId) return ignore("check_suite of another app");
      if (!suite.head_sha) return ignore("check_suite without head_sha");
      const pulls = (suite.pull_requests ?? []).filter((pr) => pr.base?.sha);
      if (pulls.length) {
        return { jobs: pulls.map((pr) => make({ kind: "pull_request", base: pr.base!.sha!, head: suite.head_sha!, pullNumber: pr.number ?? null, forced: false })) };
      }
      if (suite.head_branch && suite.head_branch === repo.default_branch && suite.before && !ZERO_SHA.test(suite.before)) {
        return { jobs: [make({ kind: "push", base: suite.before, head: suite.head_sha, pullNumber: null, forced: false })] };
      }
      return ignore("check_suite for a branch with no pull request: evaluated when a pull request is opened");
    }
    case "check_run": {
      const run = p.check_run;
      if (!["rerequested", "requested_action"].includes(action ?? "")) return ignore(`check_run.${action}: nothing to evaluate`);
      if (run?.app?.id !== appId) return ignore("check_run of another app");
      const remembered = decodeExternalId(run.external_id);
      if (remembered && remembered.head === run.head_sha) return { jobs: [make(remembered)] };
      const pr = run.pull_requests?.find((x) => x.base?.sha);
      if (pr && run.head_sha) return { jobs: [make({ kind: "pull_request", base: pr.base!.sha!, head: run.head_sha, pullNumber: pr.number ?? null, forced: false })] };
      return ignore("check_run rerun without a recorded change or pull request");
    }
    case "merge_group": {
      const group = p.merge_group;
      if (action !== "checks_requested") return ignore(`merge_group.${action}: nothing to evaluate`);
      if (!group?.base_sha || !group.head_sha) return ignore("merge_group without base_sha/head_sha");
      return { jobs: [make({ kind: "merge_group", base: group.base_sha, head: group.head_sha, pullNumber: queuedPull(group.head_ref), forced: false })] };
    }
    case "push": {
      if (!repo.default_branch || p.ref !== `refs/heads/${repo.default_branch}`) return ignore("push to a branch other than the default branch");
      if (p.deleted || !p.after || ZERO_SHA.test(p.after)) return ignore("push deleted the branch");
      if (!p.before || ZERO_SHA.test(p.before)) return ignore("push created the default branch: there is no earlier state to take trust from");
      return { jobs: [make({ kind: "push", base: p.before, head: p.after, pullNumber: null, forced: Boolean(p.forced) })] };
    }
    default:
      return ignore(`${name}: not an event flux-warden evaluates`);
  }
}

/**
 * The pull request a merge group was made for: GitHub names the group's branch
 * `gh-readonly-queue/<base>/pr-<number>-<head sha>`. Its reviews decide approvals in the queue, as on the pull request.
 */
function queuedPull(headRef: string | undefined): number | null {
  const match = /\/pr-(\d+)-[0-9a-f]{40,64}$/.exec(headRef ?? "");
  return match ? Number(match[1]) : null;
}

function ignore(reason: string): EventOutcome {
  return { jobs: [], ignored: reason };
}

/** The parts of GitHub's payloads this mapping reads; everything optional, since deliveries can be malformed. */
interface Payload {
  action?: string;
  installation?: { id?: number };
  repository?: { name?: string; owner?: { login?: string }; default_branch?: string };
  changes?: { base?: unknown };
  review?: { state?: string };
  pull_request?: PullRef & { head?: { sha?: string }; state?: string };
  check_suite?: { app?: { id?: number }; head_sha?: string; head_branch?: string | null; before?: string | null; pull_requests?: PullRef[] };
  check_run?: { app?: { id?: number }; head_sha?: string; external_id?: string | null; pull_requests?: PullRef[] };
  merge_group?: { base_sha?: string; head_sha?: string; head_ref?: string };
  ref?: string;
  before?: string;
  after?: string;
  forced?: boolean;
  deleted?: boolean;
}

interface PullRef {
  number?: number;
  base?: { sha?: string };
}
