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
  /**
   * Flux image-automation objects (`ImagePolicy`, `ImageRepository` of `image.toolkit.fluxcd.io`) in the BASE tree
   * only: they bound what an image-automation commit may write, so the change under review never supplies them.
   */
  imageObjects: readonly ImageObject[];
}

/** An ImagePolicy or ImageRepository as written in the base tree; its `spec` is interpreted by src/automation. */
export interface ImageObject {
  kind: "ImagePolicy" | "ImageRepository";
  /** `metadata.namespace` as written; null when unset (never guessed from a Kustomization). */
  namespace: string | null;
  name: string;
  path: string;
  spec: Record<string, unknown> | null;
}

/** An index with nothing in it (tests, or a caller with no tree). */
export const EMPTY_REPO_INDEX: RepoIndex = { clusterScopedKinds: new Set(), imageObjects: [] };

/** CRD bundles are big (Flux's own is ~1 MB): the index reads larger files than the per-change limit. */
const INDEX_MAX_BYTES = 8 * 1024 * 1024;
/** Files read per `readMany` call, to keep memory flat on large repositories. */
const BATCH = 200;
const IMAGE_GROUP = "image.toolkit.fluxcd.io";

/**
 * Builds the index from the base tree's YAML files and the change's head files. Only files whose text mentions
 * `CustomResourceDefinition` or Flux's image API group are parsed, so a large repository costs one read per YAML file
 * and little else.
 */
export async function buildRepoIndex(tree: TreeReader, files: FileChange[]): Promise<RepoIndex> {
  const kinds = new Set<string>();
  const imageObjects: ImageObject[] = [];
  const paths = (await tree.list())
    .filter((e) => e.kind === "file" && e.size <= INDEX_MAX_BYTES && isManifestPath(e.path))
    .map((e) => e.path);
  for (let i = 0; i < paths.length; i += BATCH) {
    for (const [path, bytes] of await tree.readMany(paths.slice(i, i + BATCH))) {
      for (const object of parseIndexed(path, bytes)) {
        addDefinition(kinds, object);
        addImageObject(imageObjects, object);
      }
    }
  }
  return extendRepoIndex({ clusterScopedKinds: kinds, imageObjects }, files);
}

/**
 * The base's index plus what the change's head files declare: CRDs only (a change may add a CRD together with its
 * first objects). Lets a caller read the base before the change set is known.
 */
export function extendRepoIndex(index: RepoIndex, files: FileChange[]): RepoIndex {
  const kinds = new Set(index.clusterScopedKinds);
  for (const file of files) {
    if (file.head?.kind !== "file" || !file.head.content || !isManifestPath(file.path)) continue;
    for (const object of parseIndexed(file.path, file.head.content)) addDefinition(kinds, object);
  }
  return { ...index, clusterScopedKinds: kinds };
}

function parseIndexed(path: string, bytes: Uint8Array): ManifestObject[] {
  if (bytes.length > INDEX_MAX_BYTES) return [];
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (!raw.includes("CustomResourceDefinition") && !raw.includes(IMAGE_GROUP)) return [];
  const text = new TextDecoder().decode(bytes);
  return parseManifests(path, "base", text, { ...DEFAULT_MANIFEST_LIMITS, maxBytes: INDEX_MAX_BYTES }).objects;
}

function addDefinition(kinds: Set<string>, object: ManifestObject): void {
  const kind = clusterScopedDefinition(object);
  if (kind) kinds.add(kind);
}

function addImageObject(objects: ImageObject[], object: ManifestObject): void {
  if (object.group !== IMAGE_GROUP || (object.kind !== "ImagePolicy" && object.kind !== "ImageRepository")) return;
  objects.push({ kind: object.kind, namespace: object.namespace, name: object.name, path: object.path, spec: recordAt(object.value, ["spec"]) });
}

/** `group/Kind` for a CRD declaring a cluster-scoped kind, else null. */
function clusterScopedDefinition(object: ManifestObject): string | null {
  if (object.group !== "apiextensions.k8s.io" || object.kind !== "CustomResourceDefinition") return null;
  const spec = recordAt(object.value, ["spec"]);
  const group = stringAt(spec, ["group"]);
  const kind = stringAt(spec, ["names", "kind"]);
  return spec?.scope === "Cluster" && group && kind ? `${group}/${kind}` : null;
}
