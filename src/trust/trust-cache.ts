import type { Trust } from "../engine/evaluate.js";

/**
 * Trust read from a base commit, kept for the next evaluation against the same base. A commit id fixes its tree, so
 * what the tree says (policy, keys, repository index, web-flow key) can never change for that id: a burst of pull
 * requests against one default branch reads the base once instead of once each.
 */
export interface TrustCache {
  /** The trust for `commit`, from the cache or from `load` (a failed load is not remembered). */
  get(commit: string, load: () => Promise<Trust>): Promise<Trust>;
}

const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** An in-process cache of the `size` most recently used bases. Only full commit ids are cached, never branch names. */
export function createTrustCache(size = 32): TrustCache {
  const entries = new Map<string, Promise<Trust>>();
  return {
    get(commit, load) {
      if (!FULL_SHA.test(commit)) return load();
      const hit = entries.get(commit);
      if (hit) {
        entries.delete(commit);
        entries.set(commit, hit);
        return hit;
      }
      const loading = load();
      entries.set(commit, loading);
      loading.catch(() => entries.get(commit) === loading && entries.delete(commit));
      if (entries.size > size) entries.delete(entries.keys().next().value!);
      return loading;
    },
  };
}
