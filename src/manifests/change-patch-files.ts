import type { FileChange } from "../sources/change-set.js";
import type { PatchFileText } from "./collect-patch-files.js";
import { patchFileOf } from "./json6902-patch-file.js";
import type { ManifestLimits } from "./limits.js";
import { patchFileReferences } from "./patch-file-references.js";
import type { ManifestObject, ParsedFile } from "./types.js";

/**
 * The patch files a kustomization in this change applies, as the head has them, for the kustomize patch rules:
 *
 * - a file the change does not touch: the base index's text (unchanged, so the same at head);
 * - a file the change touches: the base text is stale, so it is dropped, and the head version takes its place when a
 *   head kustomization applies it — unless the file is judged on its own already: a JSON 6902 operation list is a
 *   synthetic object of its own (linked to its targets), and a file with parse problems is a `manifest/*` finding;
 * - a deleted or renamed-away path: absent, as at head (kustomize fails the build; nothing is applied).
 *
 * Base and head kustomizations are both judged against this head view. The rules ask "does this kustomization newly
 * apply this file to this target": the base kustomization applying the same file to the same target answers no, and
 * what an edit of the file itself adds is for the rules that read the file.
 */
export function patchFilesOfChange(
  indexed: ReadonlyMap<string, PatchFileText>,
  files: FileChange[],
  head: { objects: ManifestObject[]; files: ParsedFile[] },
  limits: ManifestLimits,
): ReadonlyMap<string, PatchFileText> {
  const touched = new Map<string, FileChange>();
  for (const file of files) {
    touched.set(file.path, file);
    if (file.previousPath !== null) touched.set(file.previousPath, file);
  }
  const applied = new Set(head.objects.flatMap((object) => patchFileReferences(object).map((reference) => reference.path)));
  const additions = new Map<string, PatchFileText>();
  for (const path of applied) {
    const file = touched.get(path);
    if (!file || file.path !== path || !file.head) continue;
    const parsed = head.files.find((f) => f.path === path);
    if (parsed && (parsed.problems.length > 0 || parsed.objects.some((object) => patchFileOf(object) !== null))) continue;
    additions.set(path, headText(file.head, limits));
  }
  if (additions.size === 0 && ![...touched.keys()].some((path) => indexed.has(path))) return indexed;
  const view = new Map(indexed);
  for (const path of touched.keys()) view.delete(path);
  for (const [path, text] of additions) view.set(path, text);
  return view;
}

/**
 * A changed file's head version as a patch file. Files the manifest layer skips (a name without `.yaml`, which
 * kustomize reads as a patch all the same) come here too, so their size and kind are checked here.
 */
function headText(version: NonNullable<FileChange["head"]>, limits: ManifestLimits): PatchFileText {
  if (version.kind !== "file") return { unread: `is a ${version.kind}, whose content the gate does not read` };
  const size = version.content?.length ?? version.size;
  if (version.tooLarge || size > limits.maxBytes) return { unread: `is ${size} bytes, over the ${limits.maxBytes}-byte limit` };
  if (version.content === null) return { unread: "was not loaded" };
  if (version.binary || version.content.subarray(0, 8192).includes(0)) return { unread: "has binary content" };
  return { text: new TextDecoder().decode(version.content) };
}
