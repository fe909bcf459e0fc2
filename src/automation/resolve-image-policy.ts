import { isRecord } from "../manifests/read-value.js";
import type { ImageObject, RepoIndex } from "../manifests/repo-index.js";

/** An ImagePolicy of the base with the ImageRepository it references. */
export interface PolicyBinding {
  policy: ImageObject;
  repository: ImageObject;
}

/**
 * The ImagePolicy a marker names, with its ImageRepository, from the base tree. Markers name `namespace:name`, and the
 * namespace is the one written in the manifest (a namespace Kustomize would set is not guessed). A repository with
 * several clusters often defines the same policy once per cluster: the definitions nearest to the changed file (most
 * leading directories in common) are taken, and every one of them must allow the new value.
 */
export function resolveImagePolicy(index: RepoIndex, namespace: string, name: string, filePath: string): PolicyBinding[] | { reason: string } {
  const named = index.imageObjects.filter((o) => o.kind === "ImagePolicy" && o.name === name);
  const policies = named.filter((o) => o.namespace === namespace);
  if (policies.length === 0) {
    const unnamespaced = named.find((o) => o.namespace === null);
    const hint = unnamespaced ? ` (${unnamespaced.path} defines an ImagePolicy "${name}" without metadata.namespace, which flux-warden does not guess)` : "";
    return { reason: `there is no ImagePolicy ${namespace}/${name} in the base${hint}` };
  }
  const bindings: PolicyBinding[] = [];
  for (const policy of nearest(policies, filePath)) {
    const ref = isRecord(policy.spec?.imageRepositoryRef) ? policy.spec.imageRepositoryRef : null;
    const refName = typeof ref?.name === "string" ? ref.name : null;
    const refNamespace = typeof ref?.namespace === "string" && ref.namespace !== "" ? ref.namespace : policy.namespace;
    if (!refName) return { reason: `ImagePolicy ${namespace}/${name} in ${policy.path} has no spec.imageRepositoryRef.name` };
    const repositories = index.imageObjects.filter((o) => o.kind === "ImageRepository" && o.name === refName && o.namespace === refNamespace);
    if (repositories.length === 0) {
      return { reason: `ImagePolicy ${namespace}/${name} in ${policy.path} references ImageRepository ${refNamespace}/${refName}, which is not in the base` };
    }
    for (const repository of nearest(repositories, policy.path)) bindings.push({ policy, repository });
  }
  return bindings;
}

/** The candidates sharing the most leading directories with `path`. */
function nearest(candidates: ImageObject[], path: string): ImageObject[] {
  const scored = candidates.map((c) => ({ c, score: commonDirs(c.path, path) }));
  const best = Math.max(...scored.map((s) => s.score));
  return scored.filter((s) => s.score === best).map((s) => s.c);
}

function commonDirs(a: string, b: string): number {
  const [da, db] = [a.split("/").slice(0, -1), b.split("/").slice(0, -1)];
  let n = 0;
  while (n < da.length && n < db.length && da[n] === db[n]) n++;
  return n;
}
