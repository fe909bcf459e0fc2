import type { WardenMetrics } from "./create-metrics.js";
import { githubRequestKind } from "./github-request-kind.js";

type Headers = Record<string, string | number | undefined>;
type RequestOptions = { method?: string; url?: string };

/** The part of Octokit's API this needs: its request hooks (`@octokit/core`'s `octokit.hook`). */
export interface HookableOctokit {
  hook: {
    after(name: "request", hook: (response: { headers: Headers }, options: RequestOptions) => void): void;
    error(name: "request", hook: (error: unknown, options: RequestOptions) => unknown): void;
  };
}

/** Records one GitHub response: the request count by kind and the rate limit left. For clients that are not Octokit. */
export function recordGitHubResponse(
  metrics: WardenMetrics,
  request: { method?: string; url?: string; headers?: Headers; installation: number | "app" },
): void {
  metrics.githubRequests.inc({ kind: githubRequestKind(request.method, request.url) });
  const remaining = Number(request.headers?.["x-ratelimit-remaining"]);
  if (request.headers?.["x-ratelimit-remaining"] !== undefined && Number.isFinite(remaining)) {
    const resource = String(request.headers["x-ratelimit-resource"] ?? "core");
    metrics.githubRateLimitRemaining.set({ installation: String(request.installation), resource }, remaining);
  }
}

/**
 * Counts every request an Octokit makes — the app's main cost — and tracks the rate limit from response headers,
 * failed responses (403 rate limited, 404, …) included. Call once per Octokit instance.
 */
export function instrumentOctokit<T extends HookableOctokit>(octokit: T, metrics: WardenMetrics, installation: number | "app"): T {
  octokit.hook.after("request", (response, options) => {
    recordGitHubResponse(metrics, { ...options, headers: response.headers, installation });
  });
  octokit.hook.error("request", (error, options) => {
    const headers = (error as { response?: { headers?: Headers } })?.response?.headers;
    recordGitHubResponse(metrics, { ...options, ...(headers ? { headers } : {}), installation });
    throw error;
  });
  return octokit;
}
