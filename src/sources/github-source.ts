/** The GitHub API source: `createGitHubSource` and its types (implementation and strategy notes in `./github/`). */
export { createGitHubSource, type GitHubSource, type GitHubSourceOptions } from "./github/create-github-source.js";
export type { GitHubRequester, GitHubRequestStats, SourceLogger } from "./github/github-api.js";
export { GitHubApiError, GitHubLimitError, GitHubSourceError } from "./github/github-source-error.js";
export { DEFAULT_GRAPHQL_BATCH, DEFAULT_GRAPHQL_TEXT_BYTES, DEFAULT_REST_LIMIT, type PlanOptions } from "./github/plan.js";
