import { nodeId, repoUrl } from "./commit-json.js";
import type { FakeContext } from "./fake-context.js";
import { apiError, paginate, type FakeResponse, type Router } from "./router.js";

const REPO = "/repos/{owner}/{repo}";
const MAX_TEXT = 65_535;
const MAX_ANNOTATIONS = 50;

/** Check runs (create, update, get, list for a ref) and the app-authentication endpoints Probot calls. */
export function addCheckRunRoutes(router: Router, ctx: FakeContext): void {
  router.add("POST", `${REPO}/check-runs`, async ({ body }) => {
    const input = (body ?? {}) as Record<string, unknown>;
    if (typeof input.name !== "string" || typeof input.head_sha !== "string") return apiError(422, "Invalid request.\n\n\"name\" and \"head_sha\" are required.");
    if (!(await ctx.repo.commit(input.head_sha))) return apiError(422, "No commit found for SHA: " + input.head_sha);
    const invalid = validate(input);
    if (invalid) return invalid;
    const id = ctx.checkRuns.size + 1;
    const run = merge({ id, node_id: nodeId("CR", id), head_sha: input.head_sha, status: "queued", conclusion: null, started_at: new Date().toISOString(), completed_at: null, app: { id: ctx.appId }, check_suite: { id: 1 }, output: { title: null, summary: null, text: null, annotations_count: 0 } }, input);
    ctx.checkRuns.set(id, run);
    ctx.recorded.push({ action: "create", id, body: input });
    return { status: 201, body: run };
  });

  router.add("PATCH", `${REPO}/check-runs/{check_run_id}`, ({ params, body }) => {
    const id = Number(params.check_run_id);
    const current = ctx.checkRuns.get(id);
    if (!current) return apiError(404, "Not Found");
    const input = (body ?? {}) as Record<string, unknown>;
    const invalid = validate(input);
    if (invalid) return invalid;
    const run = merge(current, input);
    ctx.checkRuns.set(id, run);
    ctx.recorded.push({ action: "update", id, body: input });
    return { status: 200, body: run };
  });

  router.add("GET", `${REPO}/check-runs/{check_run_id}`, ({ params }) => {
    const run = ctx.checkRuns.get(Number(params.check_run_id));
    return run ? { status: 200, body: run } : apiError(404, "Not Found");
  });

  router.add("GET", `${REPO}/commits/{ref}/check-runs`, async (request) => {
    const sha = await ctx.repo.resolve(request.params.ref ?? "");
    if (!sha) return apiError(422, `No commit found for SHA: ${request.params.ref}`);
    const name = request.query.get("check_name");
    const status = request.query.get("status");
    const runs = [...ctx.checkRuns.values()]
      .filter((run) => run.head_sha === sha && (!name || run.name === name) && (!status || run.status === status))
      .reverse();
    const { page, headers } = paginate(request, runs, { defaultPerPage: 30, maxPerPage: 100 });
    return { status: 200, headers, body: { total_count: runs.length, check_runs: page } };
  });

  router.add("POST", "/app/installations/{installation_id}/access_tokens", ({ params }) => ({
    status: 201,
    body: {
      token: `ghs_fake_${params.installation_id}_${Date.now()}`,
      expires_at: new Date(Date.now() + 3600_000).toISOString(),
      permissions: { checks: "write", contents: "read", pull_requests: "read", metadata: "read" },
      repository_selection: "all",
    },
  }));

  router.add("GET", `${REPO}/installation`, () => ({
    status: 200,
    body: { id: ctx.installationId, app_id: ctx.appId, account: { login: ctx.site.owner }, repository_selection: "all", access_tokens_url: `${ctx.site.api}/app/installations/${ctx.installationId}/access_tokens`, repositories_url: `${repoUrl(ctx.site)}` },
  }));

  router.add("GET", "/app", () => ({ status: 200, body: { id: ctx.appId, slug: "flux-warden", name: "flux-warden", owner: { login: ctx.site.owner } } }));
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
