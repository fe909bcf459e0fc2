import { fileJson, nodeId, repoCommitJson, repoUrl } from "./commit-json.js";
import { installationOf, pullKey, type FakeContext, type FakePull } from "./fake-context.js";
import type { CommitInfo } from "./fake-repo.js";
import { apiError, paginate, type Router } from "./router.js";

const PULL = "/repos/{owner}/{repo}/pulls/{pull_number}";

/**
 * Pull requests: registered through `POST /_fake/pulls` (`owner` picks the installation's repository; the first by
 * default), read through GitHub's endpoints: the open ones listed, one by number, its commits and its files.
 */
export function addPullRoutes(router: Router, ctx: FakeContext): void {
  const find = (params: Record<string, string>): FakePull | undefined => ctx.pulls.get(pullKey(params.owner ?? "", Number(params.pull_number)));

  router.add("POST", "/_fake/pulls", async ({ body }) => {
    const input = (body ?? {}) as Partial<FakePull>;
    if (!Number.isInteger(input.number) || typeof input.base !== "string" || typeof input.head !== "string") {
      return apiError(422, "POST /_fake/pulls takes {number, base, head, owner?} (base/head: refs or shas)");
    }
    const installation = installationOf(ctx, input.owner ?? ctx.site.owner);
    if (!installation) return apiError(422, `no installation on account ${input.owner}`);
    const pull: FakePull = { owner: installation.owner, number: input.number as number, base: input.base, head: input.head, title: input.title ?? `Pull request #${input.number}` };
    const json = await pullJson(ctx, pull);
    if (!json) return apiError(422, `base ${pull.base} or head ${pull.head} is not a commit of the repository, or they share no history`);
    ctx.pulls.set(pullKey(pull.owner, pull.number), pull);
    return { status: 201, body: json };
  });

  // Every registered pull request is open; newest first (GitHub's default sort), 30 a page by default, 100 at most.
  router.add("GET", "/repos/{owner}/{repo}/pulls", async (request) => {
    const state = request.query.get("state") ?? "open";
    const owner = (request.params.owner ?? "").toLowerCase();
    const pulls = state === "closed" ? [] : [...ctx.pulls.values()].filter((pull) => pull.owner.toLowerCase() === owner).sort((a, b) => b.number - a.number);
    const { page, headers } = paginate(request, pulls, { defaultPerPage: 30, maxPerPage: 100 });
    const listed = await Promise.all(page.map((pull) => pullJson(ctx, pull)));
    return { status: 200, headers, body: listed.filter((json) => json !== null) };
  });

  router.add("GET", PULL, async ({ params }) => {
    const pull = find(params);
    const json = pull && (await pullJson(ctx, pull));
    return json ? { status: 200, body: json } : apiError(404, "Not Found");
  });

  // At most 250 commits however they are paged (GitHub's cap; the rest are simply not listed).
  router.add("GET", `${PULL}/commits`, async (request) => {
    const state = await resolve(ctx, find(request.params));
    if (!state) return apiError(404, "Not Found");
    const shas = (await ctx.repo.range(state.base, state.head)).slice(0, ctx.limits.pullCommits);
    const { page, headers } = paginate(request, shas, { defaultPerPage: 30, maxPerPage: 100 });
    const commits = await Promise.all(page.map((sha) => ctx.repo.commit(sha)));
    return { status: 200, headers, body: commits.filter((c): c is CommitInfo => c !== null).map((c) => repoCommitJson(ctx.site, c)) };
  });

  // At most 3,000 files (GitHub's cap): the diff of mergeBase..head, as the pull request's "Files changed" tab.
  router.add("GET", `${PULL}/files`, async (request) => {
    const state = await resolve(ctx, find(request.params));
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
  const site = { ...ctx.site, owner: pull.owner };
  const full = `${site.owner}/${site.repo}`;
  const repo = { id: 1, name: site.repo, full_name: full, owner: { login: site.owner }, url: repoUrl(site) };
  const side = (ref: string, sha: string): Record<string, unknown> => ({
    label: `${site.owner}:${ref}`,
    ref: ref.replace(/^refs\/heads\//, ""),
    sha,
    user: { login: site.owner },
    repo,
  });
  return {
    url: `${repoUrl(site)}/pulls/${pull.number}`,
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
