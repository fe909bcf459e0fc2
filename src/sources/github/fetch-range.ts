import { toApiCommit, type ApiCommit } from "./api-commit.js";
import type { GitHubApi } from "./github-api.js";
import { GitHubSourceError } from "./github-source-error.js";

const COMPARE = "GET /repos/{owner}/{repo}/compare/{basehead}";
const GIT_COMMIT = "GET /repos/{owner}/{repo}/git/commits/{commit_sha}";
const COMMIT = "GET /repos/{owner}/{repo}/commits/{ref}";
const SHA = /^[0-9a-f]{40}$/;
/** Compare pages are at most 100 commits. */
const PAGE = 100;

/** A changed file as GitHub lists it (compare, `commits/{sha}`, `pulls/{n}/files`): only what rename pairing needs. */
export interface ListedFile {
  filename: string;
  status: string;
  previousFilename: string | null;
}

/** `base..head` as the compare API describes it. */
export interface Range {
  base: string;
  head: string;
  mergeBase: string;
  mergeBaseTree: string;
  /** Every commit of `base..head` (GitHub's date order), or only head when `headOnly`. */
  commits: ApiCommit[];
  /** The net change as compare lists it: at most 300 files (GitHub's cap), with renames paired by GitHub. */
  files: ListedFile[];
}

/**
 * One compare request for up to 250 commits (GitHub's cap without pagination). Past that the compare is paged,
 * 100 commits a page, all pages at once (pagination lifts the 250 cap; files come on the first page only). `headOnly`
 * never pages: it reads head's commit on its own when the first answer does not include it.
 */
export async function fetchRange(api: GitHubApi, base: string, head: string, headOnly: boolean): Promise<Range> {
  const what = `the range ${base}...${head}`;
  const first = (await api.rest<CompareAnswer>(COMPARE, { basehead: `${base}...${head}` }, what)).data;
  const total = first.total_commits ?? 0;
  const mergeBase = first.merge_base_commit?.sha ?? "";
  let commits = (first.commits ?? []).map(toApiCommit);
  if (!headOnly && commits.length < total) commits = await fetchPages(api, base, head, total);
  const headSha = SHA.test(head) ? head : total === 0 ? mergeBase : commits.length === total ? tipOf(commits) : await resolveSha(api, head);
  if (headOnly) {
    const known = commits.find((commit) => commit.sha === headSha);
    commits = total === 0 ? [] : [known ?? (await fetchHead(api, headSha))];
  }
  const range: Range = {
    base: first.base_commit?.sha ?? "",
    head: headSha,
    mergeBase,
    mergeBaseTree: first.merge_base_commit?.commit?.tree?.sha ?? "",
    commits,
    files: (first.files ?? []).map((file) => ({ filename: file.filename ?? "", status: file.status ?? "", previousFilename: file.previous_filename ?? null })),
  };
  if (!range.base || !range.mergeBase || !range.mergeBaseTree || !range.head) {
    throw new GitHubSourceError(`GitHub's compare of ${base}...${head} did not name its base, merge base and head: retry`);
  }
  if (!headOnly && total > 0 && tipOf(commits) !== range.head) {
    throw new GitHubSourceError(`GitHub's compare of ${base}...${head} ends at ${tipOf(commits)}, not at ${range.head}: the branch moved while it was read; retry`);
  }
  return range;
}

async function fetchPages(api: GitHubApi, base: string, head: string, total: number): Promise<ApiCommit[]> {
  const pages = Math.ceil(total / PAGE);
  const answers = await Promise.all(
    Array.from({ length: pages }, (_, i) =>
      api.rest<CompareAnswer>(COMPARE, { basehead: `${base}...${head}`, per_page: PAGE, page: i + 1 }, `the range ${base}...${head} (page ${i + 1}/${pages})`),
    ),
  );
  const commits = answers.flatMap((answer) => (answer.data.commits ?? []).map(toApiCommit));
  if (answers.some((answer) => answer.data.total_commits !== total) || new Set(commits.map((c) => c.sha)).size !== total) {
    throw new GitHubSourceError(`the range ${base}...${head} changed while it was being read (${total} commits, then ${commits.length}): retry`);
  }
  return commits;
}

/** A branch or tag name's commit sha, in one small request (the `sha` media type answers just the sha). */
async function resolveSha(api: GitHubApi, ref: string): Promise<string> {
  const answer = await api.rest<unknown>(COMMIT, { ref, headers: { accept: "application/vnd.github.sha" } }, `the revision ${ref}`);
  const sha = String(answer.data).trim();
  if (!SHA.test(sha)) throw new GitHubSourceError(`GitHub resolved ${ref} to ${JSON.stringify(sha)}, not a commit sha: retry`);
  return sha;
}

async function fetchHead(api: GitHubApi, sha: string): Promise<ApiCommit> {
  return toApiCommit((await api.rest<unknown>(GIT_COMMIT, { commit_sha: sha }, `head commit ${sha}`)).data);
}

/** The one commit of a range that no other commit names as a parent: its head. */
function tipOf(commits: readonly ApiCommit[]): string {
  const parents = new Set(commits.flatMap((commit) => commit.parents));
  const tips = commits.filter((commit) => !parents.has(commit.sha));
  if (tips.length !== 1) throw new GitHubSourceError(`GitHub listed a range with ${tips.length} tips instead of one: retry`);
  return tips[0]?.sha ?? "";
}

interface CompareAnswer {
  total_commits?: number;
  base_commit?: { sha?: string };
  merge_base_commit?: { sha?: string; commit?: { tree?: { sha?: string } } };
  commits?: unknown[];
  files?: Array<{ filename?: string; status?: string; previous_filename?: string }>;
}
