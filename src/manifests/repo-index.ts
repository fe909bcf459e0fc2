import type { FileChange, TreeReader } from "../sources/change-set.js";
import { DEFAULT_MANIFEST_LIMITS } from "./limits.js";
import { parseManifests } from "./parse-manifests.js";
import { isManifestPath } from "./read-manifest-file.js";
import { recordAt, stringAt } from "./read-value.js";
import type { ManifestObject } from "./types.js";

/** Repository-wide facts rules need beyond the changed files. */
export interface RepoIndex {
  /** Kinds that CustomResourceDefinitions in the repository declare with `scope: Cluster`, as `group/Kind`. */
  clusterScopedKinds: ReadonlySet<string>;
}

/** An index with nothing in it (tests, or a caller with no tree). */
export const EMPTY_REPO_INDEX: RepoIndex = { clusterScopedKinds: new Set() };

/** CRD bundles are big (Flux's own is ~1 MB): the index reads larger files than the per-change limit. */
const INDEX_MAX_BYTES = 8 * 1024 * 1024;
/** Files read per `readMany` call, to keep memory flat on large repositories. */
const BATCH = 200;

/**
 * Builds the index from the base tree's YAML files and the change's head files. Only files whose text mentions
 * `CustomResourceDefinition` are parsed, so a large repository costs one read per YAML file and little else.
 */
export async function buildRepoIndex(tree: TreeReader, files: FileChange[]): Promise<RepoIndex> {
  const kinds = new Set<string>();
  const paths = (await tree.list())
    .filter((e) => e.kind === "file" && e.size <= INDEX_MAX_BYTES && isManifestPath(e.path))
    .map((e) => e.path);
  for (let i = 0; i < paths.length; i += BATCH) {
    for (const [path, bytes] of await tree.readMany(paths.slice(i, i + BATCH))) addDefinitions(kinds, path, bytes);
  }
  for (const file of files) {
    if (file.head?.kind === "file" && file.head.content && isManifestPath(file.path)) addDefinitions(kinds, file.path, file.head.content);
  }
  return { clusterScopedKinds: kinds };
}

function addDefinitions(kinds: Set<string>, path: string, bytes: Uint8Array): void {
  if (bytes.length > INDEX_MAX_BYTES || !Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes("CustomResourceDefinition")) return;
  const text = new TextDecoder().decode(bytes);
  const parsed = parseManifests(path, "base", text, { ...DEFAULT_MANIFEST_LIMITS, maxBytes: INDEX_MAX_BYTES });
  for (const object of parsed.objects) {
    const kind = clusterScopedDefinition(object);
    if (kind) kinds.add(kind);
  }
}

/** `group/Kind` for a CRD declaring a cluster-scoped kind, else null. */
function clusterScopedDefinition(object: ManifestObject): string | null {
  if (object.group !== "apiextensions.k8s.io" || object.kind !== "CustomResourceDefinition") return null;
  const spec = recordAt(object.value, ["spec"]);
  const group = stringAt(spec, ["group"]);
  const kind = stringAt(spec, ["names", "kind"]);
  return spec?.scope === "Cluster" && group && kind ? `${group}/${kind}` : null;
}
