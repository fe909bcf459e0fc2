import type { CommitInfo, DiffEntry, GitIdentity } from "./fake-repo.js";

/** Where the fake lives, for the URLs GitHub puts in every object. */
export interface Site {
  api: string;
  owner: string;
  repo: string;
}

export function repoUrl(site: Site): string {
  return `${site.api}/repos/${site.owner}/${site.repo}`;
}

/** REST dates are UTC with second precision: the committer's time zone is not in the API. */
export function restDate(identity: GitIdentity | null): string | null {
  return identity ? new Date(identity.epoch * 1000).toISOString().replace(/\.\d{3}Z$/, "Z") : null;
}

function person(identity: GitIdentity | null): Record<string, unknown> | null {
  return identity && { name: identity.name, email: identity.email, date: restDate(identity) };
}

/**
 * GitHub's `verification` object. GitHub's own verdict is meaningless to flux-warden, so the fake always says
 * `unknown_key`; signature and payload are the bytes of the real object, and both are null when it is unsigned.
 */
export function verification(commit: CommitInfo): Record<string, unknown> {
  return commit.signature
    ? { verified: false, reason: "unknown_key", signature: commit.signature, payload: commit.payload, verified_at: null }
    : { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null };
}

/** GitHub drops the message's final newline (the object stores `subject\n`, the API says `subject`). */
export function apiMessage(commit: CommitInfo): string {
  return commit.message.replace(/\n$/, "");
}

/** `GET /repos/{o}/{r}/git/commits/{sha}`. */
export function gitCommitJson(site: Site, commit: CommitInfo): Record<string, unknown> {
  const url = repoUrl(site);
  return {
    sha: commit.sha,
    node_id: nodeId("C", commit.sha),
    url: `${url}/git/commits/${commit.sha}`,
    html_url: `${site.api}/${site.owner}/${site.repo}/commit/${commit.sha}`,
    author: person(commit.author),
    committer: person(commit.committer),
    tree: { sha: commit.tree, url: `${url}/git/trees/${commit.tree}` },
    message: apiMessage(commit),
    parents: commit.parents.map((sha) => ({ sha, url: `${url}/git/commits/${sha}`, html_url: `${site.api}/${site.owner}/${site.repo}/commit/${sha}` })),
    verification: verification(commit),
  };
}

/** One commit as the listings (`compare`, `pulls/{n}/commits`) and `commits/{sha}` show it. */
export function repoCommitJson(site: Site, commit: CommitInfo): Record<string, unknown> {
  const url = repoUrl(site);
  return {
    sha: commit.sha,
    node_id: nodeId("C", commit.sha),
    commit: {
      author: person(commit.author),
      committer: person(commit.committer),
      message: apiMessage(commit),
      tree: { sha: commit.tree, url: `${url}/git/trees/${commit.tree}` },
      url: `${url}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: verification(commit),
    },
    url: `${url}/commits/${commit.sha}`,
    html_url: `${site.api}/${site.owner}/${site.repo}/commit/${commit.sha}`,
    // GitHub users matched by email; a local repository has none.
    author: null,
    committer: null,
    parents: commit.parents.map((sha) => ({ sha, url: `${url}/commits/${sha}` })),
  };
}

/** A changed file as `compare`, `commits/{sha}` and `pulls/{n}/files` list it (patch omitted). */
export function fileJson(site: Site, ref: string, entry: DiffEntry): Record<string, unknown> {
  const url = repoUrl(site);
  const path = entry.filename.split("/").map(encodeURIComponent).join("/");
  return {
    sha: entry.sha,
    filename: entry.filename,
    status: entry.status,
    additions: entry.additions,
    deletions: entry.deletions,
    changes: entry.additions + entry.deletions,
    blob_url: `${site.api}/${site.owner}/${site.repo}/blob/${ref}/${path}`,
    raw_url: `${site.api}/${site.owner}/${site.repo}/raw/${ref}/${path}`,
    contents_url: `${url}/contents/${path}?ref=${ref}`,
    ...(entry.previousFilename !== null ? { previous_filename: entry.previousFilename } : {}),
  };
}

/** Stand-in global node ids (GitHub's are opaque too). */
export function nodeId(prefix: string, id: string | number): string {
  return Buffer.from(`${prefix}_${id}`).toString("base64url");
}
