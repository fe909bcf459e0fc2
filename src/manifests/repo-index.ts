import type { FileChange, TreeReader } from "../sources/change-set.js";
import { scanKustomizations, type BaseKustomizations } from "./base-kustomizations.js";
import { collectPatchFiles, type PatchFileText } from "./collect-patch-files.js";
import { fluxApplierOf, mayHoldFluxApplier, type FluxApplier } from "./flux-appliers.js";
import { lockedControllers, NO_LOCKDOWN, type FluxLockdown } from "./flux-lockdown.js";
import { isKustomizeConfigFile } from "./is-kustomize-config-file.js";
import { DEFAULT_MANIFEST_LIMITS } from "./limits.js";
import { parseManifests } from "./parse-manifests.js";
import { dirOf } from "./repo-paths.js";
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
  /**
   * Files of the BASE tree a kustomization may apply as patches (collect-patch-files.ts says which), by path. A file
   * the change does not touch is the same at head, so a changed kustomization that newly applies one is judged by this
   * text; `analyzeManifests` drops the paths the change touches, whose head content it has.
   */
  patchFiles: ReadonlyMap<string, PatchFileText>;
  /** What the base's kustomize config files reference, by path (patch-only-files.ts reads it with the change's). */
  kustomizations: Pick<BaseKustomizations, "patched" | "listed" | "dirs">;
  /** Where the base runs Flux's multi-tenancy lockdown (`--default-service-account`): see flux-lockdown.ts. */
  lockdown: FluxLockdown;
  /** The base's Flux Kustomizations: what folder each applies, with which `spec.patches` (flux-appliers.ts). */
  fluxAppliers: readonly FluxApplier[];
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
export const EMPTY_REPO_INDEX: RepoIndex = { clusterScopedKinds: new Set(), imageObjects: [], patchFiles: new Map(), kustomizations: { patched: new Set(), listed: new Set(), dirs: new Set() }, lockdown: NO_LOCKDOWN, fluxAppliers: [] };

/** CRD bundles are big (Flux's own is ~1 MB): the index reads larger files than the per-change limit. */
const INDEX_MAX_BYTES = 8 * 1024 * 1024;
/** Files and bytes read per `readMany` call, to keep memory flat on large repositories. */
const BATCH = 200;
const BATCH_BYTES = 32 * 1024 * 1024;
const IMAGE_GROUP = "image.toolkit.fluxcd.io";

/**
 * Builds the index from the base tree's YAML files and the change's head files. Only files whose text mentions
 * `CustomResourceDefinition`, Flux's image API group or Flux's Kustomization group are parsed, so a large repository costs one read per YAML file
 * and little else. Kustomize config files come first in the same reads (what they reference decides which files may
 * be patches); patch files are kept as text within a budget, never parsed here.
 */
export async function buildRepoIndex(tree: TreeReader, files: FileChange[]): Promise<RepoIndex> {
  const kinds = new Set<string>();
  const imageObjects: ImageObject[] = [];
  const fluxAppliers: FluxApplier[] = [];
  const entries = await tree.list();
  const kustomizations = scanKustomizations(entries);
  const patchFiles = collectPatchFiles(entries, kustomizations);
  const readable = entries.filter((e) => e.kind === "file" && ((e.size <= INDEX_MAX_BYTES && isManifestPath(e.path)) || patchFiles.wants(e)));
  // Kustomize config files first: they hold no CRD or image object, and every other file is judged by what they say.
  const configs = readable.filter((e) => isKustomizeConfigFile(e.path) && e.size <= DEFAULT_MANIFEST_LIMITS.maxBytes).map((e) => e.path);
  const paths = [...configs, ...readable.filter((e) => !isKustomizeConfigFile(e.path)).map((e) => e.path)];
  const sizes = new Map(entries.map((e) => [e.path, e.size]));
  let extras: string[] | null = null;
  for (let read = 0; read < paths.length; ) {
    const slice = nextBatch(paths, read, sizes);
    read += slice.length;
    // Above the source's per-file limit on purpose: a CRD bundle in the base must be read, not fail the evaluation.
    const batch = await tree.readMany(slice, { maxBytes: INDEX_MAX_BYTES });
    for (const [path, bytes] of batch) if (isKustomizeConfigFile(path)) kustomizations.add(path, bytes);
    for (const [path, bytes] of batch) {
      if (isKustomizeConfigFile(path)) continue;
      patchFiles.offer(path, bytes);
      if (!isManifestPath(path)) continue;
      for (const object of parseIndexed(path, bytes)) {
        addDefinition(kinds, object);
        addImageObject(imageObjects, object);
        const applier = fluxApplierOf(object);
        if (applier) fluxAppliers.push(applier);
      }
    }
    if (extras === null && read >= configs.length) {
      // Every kustomization is read: the patch files they name that the index would not read (`ops.txt`) come last.
      const reading = new Set(paths);
      extras = patchFiles.patchedPaths().filter((path) => !reading.has(path) && (sizes.get(path) ?? Infinity) <= INDEX_MAX_BYTES);
      paths.push(...extras);
    }
  }
  const kept = patchFiles.done();
  const lockdown = { bootstraps: new Map(kustomizations.bootstraps.map((object) => [dirOf(object.path), lockedControllers(object, kept)] as const)) };
  return extendRepoIndex({ clusterScopedKinds: kinds, imageObjects, patchFiles: kept, kustomizations: { patched: kustomizations.patched, listed: kustomizations.listed, dirs: kustomizations.dirs }, lockdown, fluxAppliers }, files);
}

/** The paths from `start` on that fit one read: at most BATCH files and BATCH_BYTES (always at least one file). */
function nextBatch(paths: string[], start: number, sizes: ReadonlyMap<string, number>): string[] {
  let end = start;
  let bytes = 0;
  while (end < paths.length && end - start < BATCH) {
    bytes += Math.max(0, sizes.get(paths[end]!) ?? 0);
    if (bytes > BATCH_BYTES && end > start) break;
    end++;
  }
  return paths.slice(start, end);
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
  if (!raw.includes("CustomResourceDefinition") && !raw.includes(IMAGE_GROUP) && !mayHoldFluxApplier(raw)) return [];
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
