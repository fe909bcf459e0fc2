/**
 * Why the GitHub API source could not build a ChangeSet or read a tree. Never a partial result: the caller fails
 * closed and shows `message`, which says what broke and what to do.
 */
export class GitHubSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GitHubSourceError";
  }
}

/**
 * A GitHub API request that failed. Carries the HTTP status and `x-github-request-id` (also in the message, and in
 * `response.headers` the way Octokit's `RequestError` does, so one error reader handles both).
 */
export class GitHubApiError extends GitHubSourceError {
  readonly response: { headers: Record<string, string> };

  constructor(
    message: string,
    /** HTTP status; 200 for a GraphQL answer that carried `errors`; null when no answer arrived. */
    readonly status: number | null,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = "GitHubApiError";
    this.response = { headers: requestId ? { "x-github-request-id": requestId } : {} };
  }
}

/**
 * One of GitHub's API limits was hit and there is no other way to page past it: the change is not evaluated. `limit`
 * names it (`pull-request-files`, `commit-files`, `blob-size`, …); the message says how to proceed.
 */
export class GitHubLimitError extends GitHubSourceError {
  constructor(
    readonly limit: string,
    message: string,
  ) {
    super(message);
    this.name = "GitHubLimitError";
  }
}
