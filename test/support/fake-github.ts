/**
 * A GitHub that runs here: a small HTTP server answering the REST and GraphQL requests flux-warden makes, from a real
 * local git repository (commits with their real signature and payload, trees, blobs, contents, compare, pull requests,
 * check runs). It counts requests by kind and can add latency, so request counts and timings can be measured.
 *
 *     npx tsx test/support/fake-github.ts --repo DIR --port N [--latency-ms M] [--owner O --name R]
 *
 *     npx tsx test/support/fake-github.ts --repo DIR --installations 1:acme,2:globex   (several installations)
 *
 * Control endpoints (not counted, no latency): `POST /_fake/pulls {number, base, head, owner?}`, `GET /_fake/check-runs[?since=N]`,
 * `GET /_fake/stats`, `POST /_fake/reset-stats`, `PUT /_fake/latency {ms}`. Everything is served under `/` and under
 * `/api/v3` (GHE form, with GraphQL at `/api/graphql`).
 *
 * Several installations (`installations`) each get one repository, `<owner>/<repo>`, all served from the same local
 * repository; check runs and pull requests belong to the repository they were written to, so the installations are
 * as independent as on GitHub.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { addCheckRunRoutes } from "./fake-github/check-run-routes.js";
import { addCommitRoutes } from "./fake-github/commit-routes.js";
import { GITHUB_LIMITS, servesRepository, type FakeContext, type FakeInstallation, type FakeLimits, type RecordedCheckRun } from "./fake-github/fake-context.js";
import { FakeRepo } from "./fake-github/fake-repo.js";
import { addGitDataRoutes } from "./fake-github/git-data-routes.js";
import { handleGraphql, operationName } from "./fake-github/graphql-route.js";
import { addPullRoutes } from "./fake-github/pull-routes.js";
import { addWorkflowRoutes } from "./fake-github/workflow-routes.js";
import { readBody, send } from "./fake-github/http-io.js";
import { apiError, Router, type FakeRequest, type FakeResponse } from "./fake-github/router.js";

export { GITHUB_LIMITS, type FakeInstallation, type FakeLimits, type RecordedCheckRun } from "./fake-github/fake-context.js";

export interface FakeGitHubOptions {
  repoDir: string;
  /** 0 (default): any free port. */
  port?: number;
  host?: string;
  /** Added before answering every counted request. */
  latencyMs?: number;
  owner?: string;
  repo?: string;
  /** GitHub's limits by default; lower them to reach them with small repositories. */
  limits?: Partial<FakeLimits>;
  /** The app's installation on `owner` (default 1). */
  installationId?: number;
  /** Several installations instead, each on its own account (the first is the default `owner`); `owner`/`installationId` are then ignored. */
  installations?: FakeInstallation[];
  appId?: number;
}

/** Requests by kind: `GET /repos/{owner}/{repo}/git/trees/{tree_sha}`, `graphql OperationName`, … */
export interface FakeStats {
  total: number;
  byKind: Record<string, number>;
}

export interface FakeGitHub {
  /** `http://host:port`: the REST base URL (`${url}/api/v3` is the GHE form). */
  url: string;
  port: number;
  /** Live limits: change a field to change the fake's behaviour from the next request on. */
  limits: FakeLimits;
  latencyMs: number;
  /** Registers a pull request (as `POST /_fake/pulls`; `owner` picks the installation's repository) and returns GitHub's pull request object. */
  addPull(pull: { number: number; base: string; head: string; title?: string; owner?: string }): Promise<Record<string, unknown>>;
  /** Every check-run create and update, in order, with the bodies the app sent. */
  checkRuns(): RecordedCheckRun[];
  stats(): FakeStats;
  resetStats(): void;
  close(): Promise<void>;
}

/** Starts the fake over `repoDir`. */
export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const repo = new FakeRepo(resolve(options.repoDir));
  const limits: FakeLimits = { ...GITHUB_LIMITS, ...options.limits };
  const installations = options.installations?.length ? options.installations.map((i) => ({ ...i })) : [{ id: options.installationId ?? 1, owner: options.owner ?? "acme" }];
  const ctx: FakeContext = {
    repo,
    site: { api: "", owner: installations[0]!.owner, repo: options.repo ?? "fleet" },
    limits,
    installations,
    appId: options.appId ?? 1,
    pulls: new Map(),
    checkRuns: new Map(),
    recorded: [],
  };
  const router = new Router();
  addGitDataRoutes(router, ctx);
  addCommitRoutes(router, ctx);
  addPullRoutes(router, ctx);
  addCheckRunRoutes(router, ctx);
  // Reviews, team memberships and GitHub's merge records (owner approvals, web-flow merges): see workflow-routes.ts.
  addWorkflowRoutes(router, ctx);
  router.add("POST", "/graphql", (request) => handleGraphql(ctx, request));

  let stats: FakeStats = { total: 0, byKind: {} };
  let requestCounter = 0;
  const state = { latencyMs: options.latencyMs ?? 0 };

  const server = createServer((req, res) => {
    void serve(req, res).catch((error: unknown) => send(res, apiError(500, `fake GitHub failed: ${(error as Error).message}`), "FAKE:error"));
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, "").replace(/^\/api\/graphql$/, "/graphql");
    const body = await readBody(req);
    const requestId = `FAKE:${(++requestCounter).toString(16).toUpperCase()}`;
    const method = req.method ?? "GET";
    if (path.startsWith("/_fake/")) return send(res, await control(method, path, url, req, body), requestId);

    if (state.latencyMs > 0) await new Promise((r) => setTimeout(r, state.latencyMs));
    const match = router.match(method, path);
    const kind = !match ? `unmatched ${method} ${path}` : path === "/graphql" ? `graphql ${operationName(body)}` : `${method} ${match.template}`;
    stats.total += 1;
    stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1;
    if (!match) return send(res, apiError(404, "Not Found"), requestId);
    const params = match.params;
    if (params.owner !== undefined && !servesRepository(ctx, params.owner, params.repo ?? "")) {
      return send(res, apiError(404, "Not Found"), requestId);
    }
    ctx.site.api = `${url.protocol}//${url.host}${url.pathname.startsWith("/api/v3/") ? "/api/v3" : ""}`;
    const request: FakeRequest = { method, url, params, query: url.searchParams, headers: req.headers, body };
    send(res, await match.handler(request), requestId);
  }

  async function control(method: string, path: string, url: URL, req: IncomingMessage, body: unknown): Promise<FakeResponse> {
    if (method === "GET" && path === "/_fake/stats") return { status: 200, body: stats };
    if (method === "POST" && path === "/_fake/reset-stats") {
      stats = { total: 0, byKind: {} };
      return { status: 204 };
    }
    if (method === "GET" && path === "/_fake/check-runs") return { status: 200, body: ctx.recorded.slice(Number(url.searchParams.get("since") ?? 0) || 0) };
    if (method === "PUT" && path === "/_fake/latency") {
      const ms = Number((body as { ms?: unknown } | undefined)?.ms);
      if (!Number.isFinite(ms) || ms < 0) return apiError(422, "PUT /_fake/latency takes {ms}");
      state.latencyMs = ms;
      return { status: 204 };
    }
    const match = router.match(method, path);
    if (!match) return apiError(404, `no fake control endpoint ${method} ${path}`);
    return match.handler({ method, url, params: match.params, query: url.searchParams, headers: req.headers, body });
  }

  await new Promise<void>((ready) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", ready));
  const address = server.address() as AddressInfo;
  const url = `http://${options.host ?? "127.0.0.1"}:${address.port}`;
  ctx.site.api = url;
  const fake: FakeGitHub = {
    url,
    port: address.port,
    limits,
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(ms: number) {
      state.latencyMs = ms;
    },
    async addPull(pull) {
      const answer = await control("POST", "/_fake/pulls", new URL(`${url}/_fake/pulls`), { headers: {} } as IncomingMessage, pull);
      if (answer.status !== 201) throw new Error(`fake GitHub: ${(answer.body as { message?: string }).message}`);
      return answer.body as Record<string, unknown>;
    },
    checkRuns: () => structuredClone(ctx.recorded),
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = { total: 0, byKind: {} };
    },
    close: () =>
      new Promise<void>((done) => {
        repo.close();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
  return fake;
}

/** `npx tsx test/support/fake-github.ts --repo DIR --port N [--latency-ms M] [--owner O --name R] [--installations 1:o,2:p] [--app-id N]` */
async function main(argv: string[]): Promise<void> {
  const arg = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at === -1 ? undefined : argv[at + 1];
  };
  const repoDir = arg("repo");
  if (!repoDir) {
    process.stderr.write("usage: fake-github --repo DIR [--port N] [--latency-ms M] [--owner O --name R] [--installations ID:OWNER,…] [--app-id N]\n");
    process.exit(2);
  }
  const installations = arg("installations")
    ?.split(",")
    .map((item) => item.split(":"))
    .map(([id, owner]) => ({ id: Number(id), owner: owner ?? "" }));
  const fake = await startFakeGitHub({
    repoDir,
    port: Number(arg("port") ?? 0),
    latencyMs: Number(arg("latency-ms") ?? 0),
    owner: arg("owner"),
    repo: arg("name"),
    ...(installations ? { installations } : {}),
    ...(arg("app-id") ? { appId: Number(arg("app-id")) } : {}),
  });
  process.stdout.write(`fake GitHub for ${repoDir} listening on ${fake.url} (GHE: ${fake.url}/api/v3)\n`);
  const stop = (): void => void fake.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void main(process.argv.slice(2));
}
