import type { GitHubApi } from "./github-api.js";
import { GitHubApiError } from "./github-source-error.js";

/** One object to fetch in a batched query: its oid and the selection to apply to it. */
export interface ObjectRequest {
  oid: string;
  /** e.g. `... on Tree { entries { name } }` */
  selection: string;
}

const OID = /^[0-9a-f]{40}$/;

/**
 * Fetches many git objects in ONE GraphQL request, one aliased `object(oid:)` field each (`o0`, `o1`, …). In
 * production every GraphQL call waits its turn in plugin-throttling's write queue (about one a second per process),
 * so batching is what keeps big changes fast. An object GitHub does not resolve fails the whole read: a missing tree
 * or blob would otherwise be a silently missing file.
 */
export async function fetchObjects<T>(api: GitHubApi, operation: string, requests: readonly ObjectRequest[], what: string): Promise<T[]> {
  if (requests.length === 0) return [];
  for (const request of requests) {
    // Oids are interpolated into the query: only hex ever goes in.
    if (!OID.test(request.oid)) throw new GitHubApiError(`refusing to query GitHub for ${JSON.stringify(request.oid)}: not an object id`, null, null);
  }
  const fields = requests.map((request, i) => `o${i}: object(oid: "${request.oid}") { ${request.selection} }`).join("\n    ");
  const query = `query ${operation}($owner: String!, $name: String!) {\n  repository(owner: $owner, name: $name) {\n    ${fields}\n  }\n}`;
  const answer = await api.graphql<{ repository: Record<string, T | null> | null }>(operation, query, what);
  const repository = answer.repository;
  return requests.map((request, i) => {
    const object = repository?.[`o${i}`];
    if (!object) throw new GitHubApiError(`GitHub has no object ${request.oid} in ${api.owner}/${api.repo} (${what}): was history rewritten? retry`, 200, null);
    return object;
  });
}

/** Splits `items` into batches of at most `size` items and at most `budget` weight (an item heavier alone is alone). */
export function batches<T>(items: readonly T[], size: number, budget = Number.POSITIVE_INFINITY, weight: (item: T) => number = () => 0): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let load = 0;
  for (const item of items) {
    const w = weight(item);
    if (current.length > 0 && (current.length >= size || load + w > budget)) {
      out.push(current);
      current = [];
      load = 0;
    }
    current.push(item);
    load += w;
  }
  if (current.length > 0) out.push(current);
  return out;
}
