import type { Site } from "./commit-json.js";
import type { FakeRepo } from "./fake-repo.js";

/** GitHub's API limits, configurable so that tests can reach them with small repositories. */
export interface FakeLimits {
  /** Commits in a compare without pagination (GitHub: 250). */
  compareCommits: number;
  /** Files in a compare (GitHub: 300). */
  compareFiles: number;
  /** Commits `pulls/{n}/commits` lists in total (GitHub: 250). */
  pullCommits: number;
  /** Files `pulls/{n}/files` lists in total (GitHub: 3,000). */
  pullFiles: number;
  /** Files `commits/{sha}` lists in total (GitHub: 3,000), and per page (GitHub: 300). */
  commitFiles: number;
  commitFilesPerPage: number;
  /** Entries in a recursive `git/trees` answer before it is `truncated` (GitHub: 100,000). */
  treeEntries: number;
  /** `contents` base64 content (GitHub: 1 MB); above it `encoding: "none"` with empty content. */
  contentsBytes: number;
  /** `git/blobs` and raw contents (GitHub: 100 MB). */
  blobBytes: number;
  /** GraphQL `Blob.text` before `isTruncated` (GitHub does not document it; 512 KiB here). */
  graphqlTextBytes: number;
}

export const GITHUB_LIMITS: FakeLimits = {
  compareCommits: 250,
  compareFiles: 300,
  pullCommits: 250,
  pullFiles: 3000,
  commitFiles: 3000,
  commitFilesPerPage: 300,
  treeEntries: 100_000,
  contentsBytes: 1024 * 1024,
  blobBytes: 100 * 1024 * 1024,
  graphqlTextBytes: 512 * 1024,
};

/** A registered pull request: `base` and `head` are refs or shas, resolved on every read (like a moving branch). */
export interface FakePull {
  /** The owner whose repository the pull request belongs to (every installation's repository is the same git repository). */
  owner: string;
  number: number;
  base: string;
  head: string;
  title: string;
}

/** One check-run write, as the app sent it. */
export interface RecordedCheckRun {
  action: "create" | "update";
  id: number;
  /** `owner/repo` the write went to. */
  repository: string;
  /** When the fake received it (ms since the epoch): completion times without polling. */
  at: number;
  body: Record<string, unknown>;
}

/** An installation of the app: one account, whose repository `<owner>/<site repo>` the fake serves. */
export interface FakeInstallation {
  id: number;
  owner: string;
}

/** Everything the handlers share. */
export interface FakeContext {
  repo: FakeRepo;
  site: Site;
  limits: FakeLimits;
  /** Every installation; the first is the default one (`site.owner`). */
  installations: FakeInstallation[];
  appId: number;
  /** By `pullKey(owner, number)`. */
  pulls: Map<string, FakePull>;
  checkRuns: Map<number, Record<string, unknown>>;
  recorded: RecordedCheckRun[];
}

/** The installation whose account is `owner` (case-insensitive, as GitHub logins are), or undefined. */
export function installationOf(ctx: FakeContext, owner: string): FakeInstallation | undefined {
  return ctx.installations.find((installation) => installation.owner.toLowerCase() === owner.toLowerCase());
}

/** Whether `owner/repo` is a repository the fake serves. */
export function servesRepository(ctx: FakeContext, owner: string, repo: string): boolean {
  return installationOf(ctx, owner) !== undefined && repo.toLowerCase() === ctx.site.repo.toLowerCase();
}

export function pullKey(owner: string, number: number): string {
  return `${owner.toLowerCase()}#${number}`;
}
