import type { ListedFile } from "./fetch-range.js";
import type { GitHubApi } from "./github-api.js";
import { GitHubLimitError } from "./github-source-error.js";

const COMMIT = "GET /repos/{owner}/{repo}/commits/{ref}";
const PULL_FILES = "GET /repos/{owner}/{repo}/pulls/{pull_number}/files";
/** GitHub lists at most 3,000 files of a commit or a pull request. */
export const LISTING_CAP = 3000;

interface RestFile {
  filename?: string;
  status?: string;
  previous_filename?: string;
}

/** A listing of changed files and whether GitHub listed them all. */
export interface Listing {
  files: ListedFile[];
  /** False when GitHub stopped at its cap. */
  complete: boolean;
}

/**
 * A commit's files as GitHub lists them (against its FIRST parent, with GitHub's rename detection): 300 a page,
 * following the Link header, at most 3,000.
 */
export async function commitListing(api: GitHubApi, sha: string): Promise<Listing> {
  const files: ListedFile[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await api.rest<{ files?: RestFile[] }>(COMMIT, { ref: sha, ...(page > 1 ? { page } : {}) }, `the files of commit ${sha}`);
    files.push(...(answer.data.files ?? []).map(listed));
    if (!/rel="next"/.test(String(answer.headers.link ?? ""))) return { files, complete: files.length < LISTING_CAP };
  }
}

/**
 * A pull request's files (its net change, renames paired by GitHub), 100 a page, all pages at once: `expected`
 * (the number of changed paths counted in the trees, an upper bound) says how many pages there can be.
 */
export async function pullListing(api: GitHubApi, pullNumber: number, expected: number): Promise<Listing> {
  const pages = Math.ceil(Math.min(Math.max(expected, 1), LISTING_CAP) / 100);
  const answers = await Promise.all(
    Array.from({ length: pages }, (_, i) =>
      api.rest<RestFile[]>(PULL_FILES, { pull_number: pullNumber, per_page: 100, page: i + 1 }, `the files of pull request #${pullNumber} (page ${i + 1}/${pages})`),
    ),
  );
  const files = answers.flatMap((answer) => answer.data.map(listed));
  return { files, complete: files.length < LISTING_CAP };
}

/** The limit error for a net change whose renames GitHub cannot list in full. */
export function netListingLimit(count: number, pullNumber: number | undefined): GitHubLimitError {
  const where = pullNumber === undefined
    ? "a compare lists at most 300 files (and no pull request number was given, whose listing goes to 3,000)"
    : "GitHub lists at most 3,000 files of a pull request";
  return new GitHubLimitError(
    pullNumber === undefined ? "compare-files" : "pull-request-files",
    `the change has ${count.toLocaleString("en-US")} changed paths with added and deleted files among them, and ${where}: ` +
      "renames cannot be told apart from deletions past that. Split the change into smaller pull requests, or run " +
      "`flux-warden check` locally.",
  );
}

function listed(file: RestFile): ListedFile {
  return { filename: file.filename ?? "", status: file.status ?? "", previousFilename: file.previous_filename ?? null };
}
