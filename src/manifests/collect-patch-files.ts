import type { TreeEntry } from "../sources/change-set.js";
import type { BaseKustomizations } from "./base-kustomizations.js";
import { isKustomizeConfigFile } from "./is-kustomize-config-file.js";
import { DEFAULT_MANIFEST_LIMITS } from "./limits.js";
import { dirOf } from "./repo-paths.js";

/**
 * A file a kustomization may apply as a patch, as the base tree holds it: its text, or why the gate could not keep it
 * (the rules then fail closed). Only the text is kept, not parsed values or a YAML AST: it is the smallest form, and a
 * rule parses it only when a kustomization in the change applies it, exactly as an inline patch's text is parsed.
 */
export type PatchFileText = { text: string } | { unread: string };

/**
 * Why a file is kept, each with its own share of the text budget, so that many ordinary manifests cannot crowd out
 * the files most likely to be patches:
 * - `patch`: some base kustomization applies it as a patch, or its text looks like a JSON 6902 operation list;
 * - `dormant`: an object-shaped YAML file in a folder kustomize builds that no kustomization lists, so nothing applies
 *   it yet (a strategic-merge patch file waiting for a reference);
 * - `listed`: an object-shaped YAML file some kustomization lists as a resource (rarely reused as a patch).
 */
type Share = "patch" | "dormant" | "listed";

/** Text kept per share, per index: the index is cached for 32 bases (src/trust/trust-cache.ts), so this stays small. */
export const PATCH_TEXT_BUDGET: Readonly<Record<Share, number>> = { patch: 1024 * 1024, dormant: 512 * 1024, listed: 512 * 1024 };
/** A patch file bigger than a changed file may be is not kept: the same limit as `manifest/too-large`. */
const MAX_FILE_BYTES = DEFAULT_MANIFEST_LIMITS.maxBytes;

/** Gathers patch files while the index reads the base tree, after its kustomize config files. */
export interface PatchFileCollector {
  /** True for a file the index reads for this alone, known from the listing: a JSON file may be an operation list. */
  wants(entry: TreeEntry): boolean;
  /** Once the kustomizations are read: the readable files they apply as patches (named anything, `ops.txt` too). */
  patchedPaths(): string[];
  /** Looks at one file of the base tree. */
  offer(path: string, bytes: Uint8Array): void;
  /**
   * Every patch file kept, or known to be unreadable, by path. Files a share covers that cannot be read (a symlink, a
   * submodule, too large) are recorded from the listing alone, so a kustomization that applies one fails closed.
   */
  done(): ReadonlyMap<string, PatchFileText>;
}

/** Starts collecting the patch files of a base tree; `base` must be complete before the first `offer`. */
export function collectPatchFiles(entries: readonly TreeEntry[], base: BaseKustomizations): PatchFileCollector {
  const files = new Map<string, PatchFileText>();
  const left = { ...PATCH_TEXT_BUDGET };
  const shareOf = (path: string): Share | null => {
    if (base.patched.has(path)) return "patch";
    if (!/\.ya?ml$/i.test(path) || isKustomizeConfigFile(path)) return null;
    if (base.listed.has(path)) return "listed";
    return base.inKustomizeTree(dirOf(path)) ? "dormant" : null;
  };
  const readable = (entry: TreeEntry) => entry.kind === "file" && entry.size <= MAX_FILE_BYTES;
  return {
    wants: (entry) => readable(entry) && /\.json$/i.test(entry.path),
    patchedPaths: () => entries.filter((entry) => readable(entry) && base.patched.has(entry.path)).map((entry) => entry.path),
    offer(path, bytes) {
      if (bytes.length > MAX_FILE_BYTES) return;
      const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
      const found = shareOf(path);
      const share = found === "patch" || looksLikeOperations(raw) ? "patch" : found !== null && raw.includes("kind") ? found : null;
      if (share === null) return;
      if (raw.subarray(0, 8192).includes(0)) {
        files.set(path, { unread: "has binary content" });
      } else if (bytes.length > left[share]) {
        files.set(path, { unread: `was not kept: the repository index holds at most ${PATCH_TEXT_BUDGET[share]} bytes of such files` });
      } else {
        left[share] -= bytes.length;
        files.set(path, { text: new TextDecoder().decode(bytes) });
      }
    },
    done() {
      for (const entry of entries) {
        if (files.has(entry.path) || shareOf(entry.path) === null) continue;
        if (entry.kind !== "file") files.set(entry.path, { unread: `is a ${entry.kind}, whose content the gate does not read` });
        else if (entry.size > MAX_FILE_BYTES) files.set(entry.path, { unread: `is ${entry.size} bytes, over the ${MAX_FILE_BYTES}-byte limit` });
      }
      return files;
    },
  };
}

/**
 * The cheap test for a JSON 6902 operation list (YAML or JSON): a document that starts as a sequence, an `op` key and
 * a `path` key whose value is a pointer. Most manifests fail it on the first two byte searches, before any decoding;
 * a false match only keeps a file's text.
 */
function looksLikeOperations(raw: Buffer): boolean {
  if (!raw.includes("op") || !raw.includes("path")) return false;
  const text = raw.toString("utf8");
  return startsAsSequence(text) && /(?:^|[\s{,])["']?op["']?\s*:/m.test(text) && /(?:^|[\s{,])["']?path["']?\s*:\s*["']?\//m.test(text);
}

/** True when the first line with content (past comments and a `---`) opens a sequence: `- op: …` or `[{"op": …`. */
function startsAsSequence(text: string): boolean {
  for (const line of text.split("\n", 200)) {
    const content = line.trim();
    if (content === "" || content.startsWith("#") || content === "---") continue;
    return content.startsWith("-") || content.startsWith("[");
  }
  return false;
}
