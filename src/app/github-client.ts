/**
 * The slice of Octokit the app uses. Probot's `context.octokit` / `app.auth(id)` satisfy it; so does any Octokit built
 * for tests with throttling and retries disabled.
 */
export interface GitHubClient {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ data: any; status: number; headers: Record<string, string | number | undefined> }>;
  graphql<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** Status and request id of a failed GitHub request, when the error carries them (Octokit's RequestError does). */
export function describeRequestError(error: unknown): { status: number | null; requestId: string | null } {
  const e = error as { status?: unknown; response?: { headers?: Record<string, unknown> } };
  const status = typeof e?.status === "number" ? e.status : null;
  const requestId = e?.response?.headers?.["x-github-request-id"];
  return { status, requestId: typeof requestId === "string" ? requestId : null };
}
