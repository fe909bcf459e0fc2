import type { PatchFileText } from "../../manifests/collect-patch-files.js";
import { DEFAULT_MANIFEST_LIMITS } from "../../manifests/limits.js";
import { patchFileReferences, type PatchFileReference } from "../../manifests/patch-file-references.js";
import type { PatchTarget } from "../../manifests/patch-target.js";
import { parseYamlDocuments } from "../../manifests/parse-yaml-documents.js";
import type { ManifestObject } from "../../manifests/types.js";
import { documentPatchObject } from "./patch-objects.js";
import { documentEdit } from "./patch-operations.js";
import type { PatchSource } from "./patch-sources.js";
import { targetText } from "./target-text.js";

/**
 * The patch files a kustomization applies whose content the change does not otherwise judge — above all a file the
 * change leaves untouched, which no rule would see although a new reference (or a new target) applies it — once per
 * reference, read from `patchFiles` (the base index's text, or the head's for a file the change touches).
 *
 * A finding is reported on the reference (`patches[0].path`), the line that applies the file and the one a reviewer
 * sees in the diff; its message names the file and the line in it. Hit keys name the file and the reference's target
 * and never a line, so the base kustomization applying the same file to the same target hides them. A path with no
 * entry is not in the tree the kustomization is built from: kustomize fails the build, nothing is applied.
 */
export function referencedPatchSources(object: ManifestObject, patchFiles: ReadonlyMap<string, PatchFileText>): PatchSource[] {
  if (patchFiles.size === 0) return [];
  // One parse per file, however many entries name it; an entry repeating another's file and target adds nothing.
  const parses = new Map<string, Parsed>();
  const seen = new Set<string>();
  return patchFileReferences(object).flatMap((reference) => {
    const file = patchFiles.get(reference.path);
    const key = `${reference.path} ${targetText(reference.target)}:`;
    if (!file || seen.has(key)) return [];
    seen.add(key);
    const documents = (): Parsed => {
      let parsed = parses.get(reference.path);
      if (!parsed) parses.set(reference.path, (parsed = "text" in file ? parseYamlDocuments(file.text, DEFAULT_MANIFEST_LIMITS) : { documents: [], problems: [] }));
      return parsed;
    };
    return [fileSource(object, reference, file, key, documents)];
  });
}

type Parsed = ReturnType<typeof parseYamlDocuments>;

function fileSource(object: ManifestObject, reference: PatchFileReference, file: PatchFileText, key: string, documents: () => Parsed): PatchSource {
  const entry = `${reference.field}[${reference.at[1]}]`;
  const describe = (target: PatchTarget, line?: number) =>
    `patch file ${reference.path}${line === undefined ? "" : ` line ${line}`} (applied to ${targetText(target)} by ${entry})`;
  // Parsed on first use, with the limits a changed file has.
  const problem = () => documents().problems[0];
  return {
    at: reference.at,
    describe,
    // The reference's line, looked up only for a finding (it re-parses the kustomization: see lazy-locator.ts).
    reportedLine: () => object.lineOf(reference.at),
    key,
    get unread() {
      // A file that does not parse may still be applied: Go's YAML decoder accepts what this parser refuses.
      if ("unread" in file) return `${describe(reference.target)} ${file.unread}`;
      const found = problem();
      return found ? `${describe(reference.target)} ${found.message}` : null;
    },
    edits: () => documents().documents.flatMap((doc) => documentEdit(doc.value, doc.locate([]).lineOf, reference.target) ?? []),
    partials: () => documents().documents.flatMap((doc) => documentPatchObject(doc.value, doc.locate([]).lineOf, reference.target) ?? []),
  };
}
