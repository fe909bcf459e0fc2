import { nodeId, repoUrl } from "./commit-json.js";
import { installationOf, type FakeContext } from "./fake-context.js";
import { apiError, paginate, type FakeRequest, type FakeResponse, type Router } from "./router.js";

const REPO = "/repos/{owner}/{repo}";
const MAX_TEXT = 65_535;
const MAX_ANNOTATIONS = 50;

/** `owner/repo` as the request named it: check runs belong to one repository. */
function repositoryOf(params: Record<string, string>): string {
  return `${params.owner ?? ""}/${params.repo ?? ""}`.toLowerCase();
}

/**
 * Check runs (create, update, get, list for a ref; each belongs to the repository it was written to) and the app
 * endpoints Probot and the reconciler call: access tokens, installations and their repositories.
 */
export function addCheckRunRoutes(router: Router, ctx: FakeContext): void {
  router.add("POST", `${REPO}/check-runs`, async ({ params, body }) => {
    const input = (body ?? {}) as Record<string, unknown>;
    if (typeof input.name !== "string" || typeof input.head_sha !== "string") return apiError(422, "Invalid request.\n\n\"name\" and \"head_sha\" are required.");
    if (!(await ctx.repo.commit(input.head_sha))) return apiError(422, "No commit found for SHA: " + input.head_sha);
    const invalid = validate(input);
    if (invalid) return invalid;
    const id = ctx.checkRuns.size + 1;
    const repository = repositoryOf(params);
    const run = merge({ id, repository, node_id: nodeId("CR", id), head_sha: input.head_sha, status: "queued", conclusion: null, started_at: new Date().toISOString(), completed_at: null, app: { id: ctx.appId }, check_suite: { id: 1 }, output: { title: null, summary: null, text: null, annotations_count: 0 } }, input);
    ctx.checkRuns.set(id, run);
    ctx.recorded.push({ action: "create", id, repository, at: Date.now(), body: input });
    return { status: 201, body: run };
  });

  router.add("PATCH", `${REPO}/check-runs/{check_run_id}`, ({ params, body }) => {
    const id = Number(params.check_run_id);
    const current = ctx.checkRuns.get(id);
    if (!current || current.repository !== repositoryOf(params)) return apiError(404, "Not Found");
    const input = (body ?? {}) as Record<string, unknown>;
    const invalid = validate(input);
    if (invalid) return invalid;
    const run = merge(current, input);
    ctx.checkRuns.set(id, run);
    ctx.recorded.push({ action: "update", id, repository: repositoryOf(params), at: Date.now(), body: input });
    return { status: 200, body: run };
  });

  router.add("GET", `${REPO}/check-runs/{check_run_id}`, ({ params }) => {
    const run = ctx.checkRuns.get(Number(params.check_run_id));
    return run && run.repository === repositoryOf(params) ? { status: 200, body: run } : apiError(404, "Not Found");
  });

  router.add("GET", `${REPO}/commits/{ref}/check-runs`, async (request) => {
    const sha = await ctx.repo.resolve(request.params.ref ?? "");
    if (!sha) return apiError(422, `No commit found for SHA: ${request.params.ref}`);
    const name = request.query.get("check_name");
    const status = request.query.get("status");
    const runs = [...ctx.checkRuns.values()]
      .filter((run) => run.repository === repositoryOf(request.params) && run.head_sha === sha && (!name || run.name === name) && (!status || run.status === status))
      .reverse();
    const { page, headers } = paginate(request, runs, { defaultPerPage: 30, maxPerPage: 100 });
    return { status: 200, headers, body: { total_count: runs.length, check_runs: page } };
  });

  router.add("POST", "/app/installations/{installation_id}/access_tokens", ({ params }) => {
    if (!ctx.installations.some((installation) => String(installation.id) === params.installation_id)) return apiError(404, "Not Found");
    return {
      status: 201,
      body: {
        token: `ghs_fake_${params.installation_id}_${Date.now()}`,
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        permissions: { checks: "write", contents: "read", pull_requests: "read", metadata: "read" },
        repository_selection: "all",
      },
    };
  });

  router.add("GET", `${REPO}/installation`, ({ params }) => {
    const installation = installationOf(ctx, params.owner ?? "");
    return installation ? { status: 200, body: installationJson(ctx, installation) } : apiError(404, "Not Found");
  });

  router.add("GET", "/app/installations", (request) => {
    const { page, headers } = paginate(request, ctx.installations, { defaultPerPage: 30, maxPerPage: 100 });
    return { status: 200, headers, body: page.map((installation) => installationJson(ctx, installation)) };
  });

  // The installation is the one the access token was made for (`ghs_fake_<id>_…`); each has one repository.
  router.add("GET", "/installation/repositories", (request) => {
    const installation = tokenInstallation(ctx, request);
    if (!installation) return apiError(403, "This endpoint requires an installation access token.");
    const site = { ...ctx.site, owner: installation.owner };
    const repositories = [{ id: installation.id, name: site.repo, full_name: `${site.owner}/${site.repo}`, owner: { login: site.owner }, private: true, archived: false, url: repoUrl(site) }];
    const { page, headers } = paginate(request, repositories, { defaultPerPage: 30, maxPerPage: 100 });
    return { status: 200, headers, body: { total_count: repositories.length, repository_selection: "all", repositories: page } };
  });

  router.add("GET", "/app", () => ({ status: 200, body: { id: ctx.appId, slug: "flux-warden", name: "flux-warden", owner: { login: ctx.site.owner } } }));
}

function installationJson(ctx: FakeContext, installation: { id: number; owner: string }): Record<string, unknown> {
  return {
    id: installation.id,
    app_id: ctx.appId,
    account: { login: installation.owner, type: "Organization" },
    target_type: "Organization",
    repository_selection: "all",
    access_tokens_url: `${ctx.site.api}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${ctx.site.api}/installation/repositories`,
  };
}

/** The installation an installation token (`token ghs_fake_<id>_…`) belongs to. */
function tokenInstallation(ctx: FakeContext, request: FakeRequest): { id: number; owner: string } | undefined {
  const id = /\bghs_fake_(\d+)_/.exec(String(request.headers.authorization ?? ""))?.[1];
  return ctx.installations.find((installation) => String(installation.id) === id);
}

/** GitHub's documented limits on a check-run body: text sizes and 50 annotations a request. */
function validate(input: Record<string, unknown>): FakeResponse | null {
  const output = (input.output ?? {}) as Record<string, unknown>;
  for (const field of ["summary", "text"]) {
    const value = output[field];
    if (typeof value === "string" && value.length > MAX_TEXT) return apiError(422, `Invalid request.\n\nOnly ${MAX_TEXT} characters are allowed; ${value.length} were supplied (output.${field}).`);
  }
  const annotations = output.annotations;
  if (Array.isArray(annotations) && annotations.length > MAX_ANNOTATIONS) return apiError(422, "Invalid request.\n\nOnly 50 annotations are allowed per request.");
  if (Array.isArray(input.actions) && input.actions.length > 3) return apiError(422, "Invalid request.\n\nOnly 3 actions are allowed.");
  return null;
}

/** An update: top-level fields replace, `output` merges, annotations accumulate (as GitHub appends them). */
function merge(current: Record<string, unknown>, input: Record<string, unknown>): Record<string, unknown> {
  const previous = (current.output ?? {}) as Record<string, unknown>;
  const next = (input.output ?? {}) as Record<string, unknown>;
  const added = Array.isArray(next.annotations) ? next.annotations.length : 0;
  const { annotations: _ignored, ...fields } = next;
  const run: Record<string, unknown> = { ...current, ...input, output: { ...previous, ...fields, annotations_count: Number(previous.annotations_count ?? 0) + added } };
  if (input.conclusion && !input.status) run.status = "completed";
  if (run.status === "completed" && !current.completed_at) run.completed_at = input.completed_at ?? new Date().toISOString();
  return run;
}
