import { repoUrl } from "./commit-json.js";
import { installationOf, pullKey, type FakeContext } from "./fake-context.js";
import { apiError, paginate, type Router } from "./router.js";

const REPO = "/repos/{owner}/{repo}";

interface FakeReview {
  id: number;
  user: string;
  state: string;
  commitId: string;
}

interface FakeTeam {
  members: Set<string>;
  /** When set, the membership endpoint answers this HTTP status (to test failing closed). */
  status?: number;
}

interface FakeMerge {
  owner: string;
  number: number;
  head: string;
  base: string;
  mergeCommit: string;
}

/**
 * What owner approvals and GitHub's merges need from the fake, with control endpoints to set it up:
 * - `POST /_fake/reviews {pull, user, state, commit_id, owner?}` → `GET /repos/{o}/{r}/pulls/{n}/reviews` (oldest first);
 * - `POST /_fake/teams {org, slug, members, status?}` → `GET /orgs/{org}/teams/{slug}/memberships/{user}` (200 `active`,
 *   404 for non-members, or `status` for every request, to make the API fail);
 * - `POST /_fake/merged {sha, pull, owner?}` records that GitHub merged pull request `pull` as commit `sha` (its head
 *   and base are frozen then, as GitHub freezes a merged pull request) → `GET /repos/{o}/{r}/commits/{sha}/pulls`,
 *   which also lists the open pull requests whose commits include `sha`.
 */
export function addWorkflowRoutes(router: Router, ctx: FakeContext): void {
  const reviews = new Map<string, FakeReview[]>();
  const teams = new Map<string, FakeTeam>();
  const merges: FakeMerge[] = [];
  let nextReview = 1000;

  router.add("POST", "/_fake/reviews", ({ body }) => {
    const input = (body ?? {}) as { pull?: number; user?: string; state?: string; commit_id?: string; owner?: string };
    if (!Number.isInteger(input.pull) || !input.user || !input.state || !input.commit_id) return apiError(422, "POST /_fake/reviews takes {pull, user, state, commit_id, owner?}");
    const review = { id: ++nextReview, user: input.user, state: input.state, commitId: input.commit_id };
    const key = pullKey(input.owner ?? ctx.site.owner, input.pull!);
    reviews.set(key, [...(reviews.get(key) ?? []), review]);
    return { status: 201, body: reviewJson(review) };
  });

  router.add("GET", `${REPO}/pulls/{pull_number}/reviews`, (request) => {
    const list = reviews.get(pullKey(request.params.owner ?? "", Number(request.params.pull_number))) ?? [];
    const { page, headers } = paginate(request, list, { defaultPerPage: 30, maxPerPage: 100 });
    return { status: 200, headers, body: page.map(reviewJson) };
  });

  router.add("POST", "/_fake/teams", ({ body }) => {
    const input = (body ?? {}) as { org?: string; slug?: string; members?: string[]; status?: number };
    if (!input.org || !input.slug || !Array.isArray(input.members)) return apiError(422, "POST /_fake/teams takes {org, slug, members, status?}");
    teams.set(`${input.org}/${input.slug}`.toLowerCase(), { members: new Set(input.members.map((m) => m.toLowerCase())), ...(input.status ? { status: input.status } : {}) });
    return { status: 204 };
  });

  router.add("GET", "/orgs/{org}/teams/{team_slug}/memberships/{username}", ({ params }) => {
    const team = teams.get(`${params.org}/${params.team_slug}`.toLowerCase());
    if (team?.status) return apiError(team.status, team.status === 403 ? "Resource not accessible by integration" : "Server Error");
    if (!team?.members.has((params.username ?? "").toLowerCase())) return apiError(404, "Not Found");
    return { status: 200, body: { url: `${ctx.site.api}/teams/1/memberships/${params.username}`, role: "member", state: "active" } };
  });

  router.add("POST", "/_fake/merged", async ({ body }) => {
    const input = (body ?? {}) as { sha?: string; pull?: number; owner?: string };
    const owner = installationOf(ctx, input.owner ?? ctx.site.owner)?.owner ?? ctx.site.owner;
    const pull = ctx.pulls.get(pullKey(owner, Number(input.pull)));
    const sha = input.sha ? await ctx.repo.resolve(input.sha) : null;
    const commit = sha ? await ctx.repo.commit(sha) : null;
    const head = pull ? await ctx.repo.resolve(pull.head) : null;
    if (!pull || !commit || !head) return apiError(422, "POST /_fake/merged takes {sha, pull, owner?}: a commit and a registered pull request");
    // The base GitHub merged onto: the merge (or squash) commit's first parent.
    merges.push({ owner, number: pull.number, head, base: commit.parents[0] ?? "", mergeCommit: commit.sha });
    return { status: 204 };
  });

  router.add("GET", `${REPO}/commits/{commit_sha}/pulls`, async (request) => {
    const owner = (request.params.owner ?? "").toLowerCase();
    const sha = await ctx.repo.resolve(request.params.commit_sha ?? "");
    if (!sha) return apiError(422, `No commit found for SHA: ${request.params.commit_sha}`);
    const site = { ...ctx.site, owner: request.params.owner ?? ctx.site.owner };
    const found: Array<Record<string, unknown>> = merges
      .filter((m) => m.owner.toLowerCase() === owner && m.mergeCommit === sha)
      .map((m) => pullJson(site, m.number, { state: "closed", merged_at: "2026-01-01T00:00:00Z", merge_commit_sha: m.mergeCommit, head: m.head, base: m.base }));
    for (const pull of ctx.pulls.values()) {
      if (pull.owner.toLowerCase() !== owner || merges.some((m) => m.number === pull.number && m.owner === pull.owner)) continue;
      const [base, head] = await Promise.all([ctx.repo.resolve(pull.base), ctx.repo.resolve(pull.head)]);
      if (base && head && (await ctx.repo.range(base, head)).includes(sha)) {
        found.push(pullJson(site, pull.number, { state: "open", merged_at: null, merge_commit_sha: null, head, base }));
      }
    }
    const { page, headers } = paginate(request, found, { defaultPerPage: 30, maxPerPage: 100 });
    return { status: 200, headers, body: page };
  });
}

function reviewJson(review: FakeReview): Record<string, unknown> {
  return { id: review.id, node_id: `PRR_${review.id}`, user: { login: review.user, type: "User" }, body: "", state: review.state, commit_id: review.commitId, submitted_at: "2026-01-01T00:00:00Z" };
}

function pullJson(site: { api: string; owner: string; repo: string }, number: number, fields: { state: string; merged_at: string | null; merge_commit_sha: string | null; head: string; base: string }): Record<string, unknown> {
  return {
    url: `${repoUrl(site)}/pulls/${number}`,
    number,
    state: fields.state,
    merged_at: fields.merged_at,
    merge_commit_sha: fields.merge_commit_sha,
    head: { sha: fields.head, ref: `pr-${number}` },
    base: { sha: fields.base, ref: "main" },
  };
}
