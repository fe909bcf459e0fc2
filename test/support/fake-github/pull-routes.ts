import { fileJson, nodeId, repoCommitJson, repoUrl } from "./commit-json.js";
import type { FakeContext, FakePull } from "./fake-context.js";
import type { CommitInfo } from "./fake-repo.js";
import { apiError, paginate, type Router } from "./router.js";

const PULL = "/repos/{owner}/{repo}/pulls/{pull_number}";

/** Pull requests: registered through `POST /_fake/pulls`, read through GitHub's three endpoints. */
export function addPullRoutes(router: Router, ctx: FakeContext): void {
  router.add("POST", "/_fake/pulls", async ({ body }) => {
    const input = (body ?? {}) as Partial<FakePull>;
    if (!Number.isInteger(input.number) || typeof input.base !== "string" || typeof input.head !== "string") {
      return apiError(422, "POST /_fake/pulls takes {number, base, head} (base/head: refs or shas)");
    }
    const pull: FakePull = { number: input.number as number, base: input.base, head: input.head, title: input.title ?? `Pull request #${input.number}` };
    const json = await pullJson(ctx, pull);
    if (!json) return apiError(422, `base ${pull.base} or head ${pull.head} is not a commit of the repository, or they share no history`);
    ctx.pulls.set(pull.number, pull);
    return { status: 201, body: json };
  });

  router.add("GET", PULL, async ({ params }) => {
    const pull = ctx.pulls.get(Number(params.pull_number));
    const json = pull && (await pullJson(ctx, pull));
    return json ? { status: 200, body: json } : apiError(404, "Not Found");
  });

  // At most 250 commits however they are paged (GitHub's cap; the rest are simply not listed).
  router.add("GET", `${PULL}/commits`, async (request) => {
    const state = await resolve(ctx, ctx.pulls.get(Number(request.params.pull_number)));
    if (!state) return apiError(404, "Not Found");
    const shas = (await ctx.repo.range(state.base, state.head)).slice(0, ctx.limits.pullCommits);
    const { page, headers } = paginate(request, shas, { defaultPerPage: 30, maxPerPage: 100 });
    const commits = await Promise.all(page.map((sha) => ctx.repo.commit(sha)));
    return { status: 200, headers, body: commits.filter((c): c is CommitInfo => c !== null).map((c) => repoCommitJson(ctx.site, c)) };
  });

  // At most 3,000 files (GitHub's cap): the diff of mergeBase..head, as the pull request's "Files changed" tab.
  router.add("GET", `${PULL}/files`, async (request) => {
    const state = await resolve(ctx, ctx.pulls.get(Number(request.params.pull_number)));
    if (!state) return apiError(404, "Not Found");
    const files = (await ctx.repo.diff(state.mergeBase, state.head)).slice(0, ctx.limits.pullFiles);
    const { page, headers } = paginate(request, files, { defaultPerPage: 30, maxPerPage: 100 });
    return { status: 200, headers, body: page.map((f) => fileJson(ctx.site, state.head, f)) };
  });
}

async function resolve(ctx: FakeContext, pull: FakePull | undefined): Promise<{ base: string; head: string; mergeBase: string } | null> {
  if (!pull) return null;
  const [base, head] = await Promise.all([ctx.repo.resolve(pull.base), ctx.repo.resolve(pull.head)]);
  const mergeBase = base && head ? await ctx.repo.mergeBase(base, head) : null;
  return base && head && mergeBase ? { base, head, mergeBase } : null;
}

/** A pull request object shaped like GitHub's (the fields apps read), from the repository's current state. */
async function pullJson(ctx: FakeContext, pull: FakePull): Promise<Record<string, unknown> | null> {
  const state = await resolve(ctx, pull);
  if (!state) return null;
  const [commits, files] = await Promise.all([ctx.repo.range(state.base, state.head), ctx.repo.diff(state.mergeBase, state.head)]);
  const full = `${ctx.site.owner}/${ctx.site.repo}`;
  const repo = { id: 1, name: ctx.site.repo, full_name: full, owner: { login: ctx.site.owner }, url: repoUrl(ctx.site) };
  const side = (ref: string, sha: string): Record<string, unknown> => ({
    label: `${ctx.site.owner}:${ref}`,
    ref: ref.replace(/^refs\/heads\//, ""),
    sha,
    user: { login: ctx.site.owner },
    repo,
  });
  return {
    url: `${repoUrl(ctx.site)}/pulls/${pull.number}`,
    id: pull.number,
    node_id: nodeId("PR", pull.number),
    number: pull.number,
    state: "open",
    locked: false,
    draft: false,
    merged: false,
    title: pull.title,
    user: { login: "developer" },
    head: side(pull.head, state.head),
    base: side(pull.base, state.base),
    merge_commit_sha: null,
    commits: commits.length,
    changed_files: files.length,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
  };
}
