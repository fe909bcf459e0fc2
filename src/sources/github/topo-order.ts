/**
 * Orders the commits of `base..head` exactly as `git rev-list --topo-order --reverse base..head` does, so that the
 * API source lists commits in the local source's order (GitHub lists them by date, which is not topological).
 *
 * git's graph-order sort (commit.c `sort_in_topological_order`): every commit starts with indegree 1 plus its number of
 * children in the range; the tips (indegree 1) go on a LIFO stack; a popped commit is emitted and each parent, in
 * parent order, is pushed once all its children have been emitted. `--reverse` then prints that list backwards. With
 * one head, the only tip is head, so git's initial date order plays no part.
 */
export function topoOrder<T extends { sha: string; parents: readonly string[] }>(commits: readonly T[], head: string): T[] {
  const bySha = new Map(commits.map((commit) => [commit.sha, commit]));
  const indegree = new Map<string, number>();
  for (const commit of commits) indegree.set(commit.sha, 1);
  for (const commit of commits) {
    for (const parent of commit.parents) {
      const current = indegree.get(parent);
      if (current) indegree.set(parent, current + 1);
    }
  }
  // Tips in the given order, reversed onto the stack so that the first one is popped first (git reverses too).
  const stack = commits.filter((commit) => indegree.get(commit.sha) === 1).map((commit) => commit.sha);
  stack.sort((a, b) => (a === head ? 1 : b === head ? -1 : 0));
  const emitted: T[] = [];
  for (let sha = stack.pop(); sha !== undefined; sha = stack.pop()) {
    const commit = bySha.get(sha);
    if (!commit) continue;
    for (const parent of commit.parents) {
      const current = indegree.get(parent);
      if (!current) continue;
      indegree.set(parent, current - 1);
      if (current - 1 === 1) stack.push(parent);
    }
    indegree.set(sha, 0);
    emitted.push(commit);
  }
  return emitted.reverse();
}
