import { PolicyError } from "../policy/load-policy.js";
import type { EvaluationJob } from "./evaluation-job.js";
import { describeRequestError } from "./github-client.js";

/** Raised when an evaluation runs past its deadline. */
export class EvaluationTimeoutError extends Error {
  override name = "EvaluationTimeoutError";
  constructor(readonly ms: number) {
    super(`the evaluation did not finish within ${ms < 10_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}`);
  }
}

/**
 * What an admin reads when flux-warden could not evaluate a change: what broke, with the HTTP status and request id
 * when GitHub was involved, and what to do. The conclusion is always `failure`: nothing unevaluated passes.
 */
export function describeFailure(error: unknown, job: EvaluationJob): { title: string; summary: string } {
  const local = `npx flux-warden check --base ${job.base} --head ${job.head}`;
  const lines: string[] = [];
  let title = "flux-warden could not evaluate this change";
  if (error instanceof PolicyError) {
    title = "flux-warden: the policy on the base branch is invalid";
    lines.push(
      "The policy file on the base branch could not be used, so nothing can be approved:",
      "",
      "```",
      error.message,
      "```",
      "",
      "**What to do:** fix `.github/flux-warden.yml` on the base branch (a platform-owned change), then re-run this check.",
    );
  } else if (error instanceof EvaluationTimeoutError) {
    lines.push(`The ${error.message}. This is usually a very large change or a slow GitHub API.`, "", "**What to do:** re-run the check; if it keeps timing out, split the change, or ask an admin to raise `EVALUATION_TIMEOUT_MS`.");
  } else {
    const { status, requestId } = describeRequestError(error);
    const message = error instanceof Error ? error.message : String(error);
    lines.push("The evaluation stopped with an error, so this change was **not** approved:", "", "```", message, "```");
    if (status !== null) lines.push(`GitHub answered HTTP ${status}${requestId ? ` (request id \`${requestId}\`)` : ""}.`);
    lines.push("", "**What to do:** re-run this check (GitHub's *Re-run* button). If it fails again, ask an admin to look at the app's logs for this delivery.");
  }
  lines.push("", "You can evaluate the change on your machine:", "```sh", local, "```", `Delivery \`${job.deliveryId}\` (${job.event}).`);
  return { title, summary: lines.join("\n") };
}
