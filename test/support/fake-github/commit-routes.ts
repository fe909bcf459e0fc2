import { fileJson, repoCommitJson, repoUrl } from "./commit-json.js";
import type { FakeContext } from "./fake-context.js";
import type { CommitInfo } from "./fake-repo.js";
import { apiError, paginate, type FakeRequest, type FakeResponse, type Router } from "./router.js";

const REPO = "/repos/{owner}/{repo}";

/** `commits/{ref}` (one commit with its files) and `compare/{base}...{head}`. */
export function addCommitRoutes(router: Router, ctx: FakeContext): void {
  router.add("GET", `${REPO}/commits/{ref}`, (request) => commit(ctx, request));
  router.add("GET", `${REPO}/compare/{basehead}`, (request) => compare(ctx, request));
}

async function load(ctx: FakeContext, shas: readonly string[]): Promise<CommitInfo[]> {
  const commits = await Promise.all(shas.map((sha) => ctx.repo.commit(sha)));
  return commits.filter((c): c is CommitInfo => c !== null);
}

/**
 * One commit. `application/vnd.github.sha` answers just the sha. Files are the diff against the FIRST parent (GitHub
 * shows a merge that way), 300 a page with Link headers, at most 3,000 in all.
 */
async function commit(ctx: FakeContext, request: FakeRequest): Promise<FakeResponse> {
  const sha = await ctx.repo.resolve(request.params.ref ?? "");
  if (!sha) return apiError(422, `No commit found for SHA: ${request.params.ref}`);
  if (String(request.headers.accept ?? "").includes("application/vnd.github.sha")) {
    return { status: 200, raw: Buffer.from(sha), contentType: "application/vnd.github.sha; charset=utf-8" };
  }
  const [info] = await load(ctx, [sha]);
  if (!info) return apiError(404, "Not Found");
  const files = (await ctx.repo.diff(info.parents[0] ?? null, sha)).slice(0, ctx.limits.commitFiles);
  const perPage = ctx.limits.commitFilesPerPage;
  const { page, headers } = paginate(request, files, { defaultPerPage: perPage, maxPerPage: perPage });
  const additions = files.reduce((n, f) => n + f.additions, 0);
  const deletions = files.reduce((n, f) => n + f.deletions, 0);
  return {
    status: 200,
    headers,
    body: { ...repoCommitJson(ctx.site, info), stats: { total: additions + deletions, additions, deletions }, files: page.map((f) => fileJson(ctx.site, sha, f)) },
  };
}

/**
 * `base...head`: the commits of `base..head` oldest first, the files of `mergeBase..head`. Without `page`/`per_page`
 * at most 250 commits; with them, pages of commits (no cap) and the files on the first page only — GitHub's rules.
 */
async function compare(ctx: FakeContext, request: FakeRequest): Promise<FakeResponse> {
  const match = /^(.+?)\.\.\.(.+)$/.exec(request.params.basehead ?? "");
  if (!match) return apiError(404, "Not Found");
  const [base, head] = await Promise.all([ctx.repo.resolve(match[1] ?? ""), ctx.repo.resolve(match[2] ?? "")]);
  if (!base || !head) return apiError(404, "Not Found");
  const mergeBase = await ctx.repo.mergeBase(base, head);
  if (!mergeBase) return apiError(404, `No common ancestor between ${match[1]} and ${match[2]}.`);
  const [ahead, behind] = await Promise.all([ctx.repo.range(base, head), ctx.repo.range(head, base)]);
  const paged = request.query.has("page") || request.query.has("per_page");
  const { page, headers } = paged
    ? paginate(request, ahead, { defaultPerPage: 30, maxPerPage: 100 })
    : { page: ahead.slice(0, ctx.limits.compareCommits), headers: {} };
  const firstPage = !paged || Number(request.query.get("page") ?? 1) <= 1;
  const files = firstPage ? (await ctx.repo.diff(mergeBase, head)).slice(0, ctx.limits.compareFiles) : [];
  const [baseInfo, mergeBaseInfo] = await load(ctx, [base, mergeBase]);
  const status = base === head ? "identical" : mergeBase === base ? "ahead" : mergeBase === head ? "behind" : "diverged";
  const url = repoUrl(ctx.site);
  return {
    status: 200,
    headers,
    body: {
      url: `${url}/compare/${request.params.basehead}`,
      html_url: `${ctx.site.api}/${ctx.site.owner}/${ctx.site.repo}/compare/${request.params.basehead}`,
      base_commit: baseInfo && repoCommitJson(ctx.site, baseInfo),
      merge_base_commit: mergeBaseInfo && repoCommitJson(ctx.site, mergeBaseInfo),
      status,
      ahead_by: ahead.length,
      behind_by: behind.length,
      total_commits: ahead.length,
      commits: (await load(ctx, page)).map((c) => repoCommitJson(ctx.site, c)),
      files: files.map((f) => fileJson(ctx.site, head, f)),
    },
  };
}
