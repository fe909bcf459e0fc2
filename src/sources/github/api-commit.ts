/** A commit as the REST listings (`compare`, `pulls/{n}/commits`) and `git/commits` describe it. */
export interface ApiCommit {
  sha: string;
  parents: string[];
  tree: string;
  /** GitHub's message (the stored one, usually without its final newline). */
  message: string;
  author: ApiPerson | null;
  committer: ApiPerson | null;
  /** `verification.payload`: the object minus its signature header; null when unsigned. */
  payload: string | null;
  signature: string | null;
}

export interface ApiPerson {
  name: string;
  email: string;
  /** ISO 8601, UTC on REST (the committer's zone is lost). */
  date: string;
}

interface RestCommitFields {
  message?: string;
  tree?: { sha?: string };
  author?: ApiPerson | null;
  committer?: ApiPerson | null;
  verification?: { payload?: string | null; signature?: string | null } | null;
}

/** A listing item (`{sha, parents, commit: {...}}`) or a git commit (`{sha, parents, tree, message, ...}`). */
export function toApiCommit(item: unknown): ApiCommit {
  const raw = (item ?? {}) as { sha?: string; parents?: Array<{ sha?: string }>; commit?: RestCommitFields } & RestCommitFields;
  const fields: RestCommitFields = raw.commit ?? raw;
  return {
    sha: raw.sha ?? "",
    parents: (raw.parents ?? []).map((parent) => parent.sha ?? ""),
    tree: fields.tree?.sha ?? "",
    message: fields.message ?? "",
    author: fields.author ?? null,
    committer: fields.committer ?? null,
    payload: fields.verification?.payload ?? null,
    signature: fields.verification?.signature ?? null,
  };
}
