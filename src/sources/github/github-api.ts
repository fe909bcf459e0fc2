import { GitHubApiError } from "./github-source-error.js";

/**
 * The slice of Octokit the source uses: Probot's `context.octokit` fits, and so does any Octokit built for tests.
 */
export interface GitHubRequester {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ data: any; status: number; headers: Record<string, string | number | undefined> }>;
  graphql<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** API requests made, by kind: the REST route (`GET /repos/{owner}/{repo}/compare/{basehead}`) or `graphql <Operation>`. */
export interface GitHubRequestStats {
  total: number;
  byKind: Record<string, number>;
}

/** Where a debug line goes (pino's `logger.debug(obj, msg)` fits). */
export interface SourceLogger {
  debug(fields: Record<string, unknown>, message: string): void;
}

export interface RestAnswer<T> {
  data: T;
  headers: Record<string, string | number | undefined>;
}

/**
 * The one door to GitHub: counts every request by kind (API requests are the app's main cost), caps how many REST
 * requests are in flight (plugin-throttling allows 10 in production; tests run without it), and turns failures into
 * `GitHubApiError`s that carry the status and request id.
 */
export class GitHubApi {
  #stats: GitHubRequestStats = { total: 0, byKind: {} };
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(
    private readonly octokit: GitHubRequester,
    readonly owner: string,
    readonly repo: string,
    private readonly concurrency: number,
    private readonly log: SourceLogger | null,
  ) {}

  stats(): GitHubRequestStats {
    return { total: this.#stats.total, byKind: { ...this.#stats.byKind } };
  }

  /**
   * A REST request; `route` is the template (`GET /repos/{owner}/{repo}/git/blobs/{file_sha}`), owner/repo filled in.
   * The body is read unparsed and parsed here (see `readBody`).
   */
  async rest<T>(route: string, parameters: Record<string, unknown>, what: string): Promise<RestAnswer<T>> {
    this.#count(route);
    await this.#acquire();
    try {
      const request = { ...(parameters.request as Record<string, unknown> | undefined), parseSuccessResponseBody: false };
      const answer = await this.octokit.request(route, { owner: this.owner, repo: this.repo, ...parameters, request });
      return { data: (await readBody(answer)) as T, headers: answer.headers };
    } catch (error) {
      throw failure(error, `${route.split(" ")[0]} ${expand(route, { owner: this.owner, repo: this.repo, ...parameters })}`, what);
    } finally {
      this.#release();
    }
  }

  /** A GraphQL query against this repository (`$owner`, `$name` are supplied). */
  async graphql<T>(operation: string, query: string, what: string): Promise<T> {
    this.#count(`graphql ${operation}`);
    const started = Date.now();
    try {
      return await this.octokit.graphql<T>(query, { owner: this.owner, name: this.repo });
    } catch (error) {
      throw failure(error, `GraphQL ${operation}`, what);
    } finally {
      this.log?.debug({ operation, ms: Date.now() - started }, "github graphql");
    }
  }

  #count(kind: string): void {
    this.#stats.total += 1;
    this.#stats.byKind[kind] = (this.#stats.byKind[kind] ?? 0) + 1;
  }

  async #acquire(): Promise<void> {
    if (this.#active < this.concurrency) {
      this.#active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active -= 1;
  }
}

/**
 * A success answer's body, parsed as Octokit would — JSON, text for `text/*` and UTF-8 bodies, else an ArrayBuffer —
 * but with the native `JSON.parse`. Octokit 10 parses JSON with json-with-bigint, which on Node 20 rewrites the whole
 * text with a regular expression and revives every value: about ten times the cost of `JSON.parse`, on the event
 * loop, for tree listings of thousands of entries (found with `npm run bench`: the app's largest CPU cost in a
 * burst). The routes the source reads carry no integer beyond 2^53. A client that parsed anyway (a test double) is
 * taken as is.
 */
async function readBody(answer: { data: unknown; headers: Record<string, string | number | undefined> }): Promise<unknown> {
  const body = answer.data;
  if (!(body instanceof ReadableStream)) return body;
  const type = String(answer.headers["content-type"] ?? "").toLowerCase();
  const response = new Response(body);
  if (/^application\/(scim\+)?json\b/.test(type)) return JSON.parse(await response.text());
  if (type.startsWith("text/") || (/charset=utf-8/.test(type) && !type.startsWith("application/octet-stream"))) return response.text();
  return response.arrayBuffer();
}

function expand(route: string, parameters: Record<string, unknown>): string {
  const path = route.split(" ")[1] ?? route;
  return path.replace(/\{(\w+)\}/g, (_, name: string) => String(parameters[name] ?? `{${name}}`));
}

/**
 * Octokit's RequestError (`status`, `response.headers`) or GraphqlResponseError (`errors`, `headers`), as a
 * GitHubApiError whose message names the request, the status and the request id.
 */
function failure(error: unknown, request: string, what: string): GitHubApiError {
  const e = (error ?? {}) as {
    status?: unknown;
    message?: unknown;
    headers?: Record<string, unknown>;
    response?: { headers?: Record<string, unknown>; data?: { message?: unknown } };
    errors?: Array<{ message?: string; type?: string }>;
  };
  const headers = e.response?.headers ?? e.headers ?? {};
  const requestId = typeof headers["x-github-request-id"] === "string" ? headers["x-github-request-id"] : null;
  const status = typeof e.status === "number" ? e.status : Array.isArray(e.errors) ? 200 : null;
  const said = Array.isArray(e.errors)
    ? e.errors.map((item) => `${item.type ? `${item.type}: ` : ""}${item.message ?? "error"}`).join("; ")
    : String(e.response?.data?.message ?? e.message ?? error);
  const hint = status === 404 ? " (it does not exist in the repository, or the app cannot see it: was it force-pushed away?)" : "";
  const answer = status === null ? "no answer" : `HTTP ${status}`;
  return new GitHubApiError(
    `GitHub ${request} for ${what} failed: ${answer}${requestId ? ` (x-github-request-id ${requestId})` : ""}: ${said}${hint}`,
    status,
    requestId,
  );
}
