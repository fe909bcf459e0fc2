import type { FileChange } from "../sources/change-set.js";
import type { ChangedText } from "../rules/types.js";
import type { ManifestLimits } from "./limits.js";

/**
 * The bytes of every changed file whose head is a readable text file within the size limit, whatever its name: text
 * rules look for what must never be committed anywhere (a private key in `keys/age.txt`), not only in manifests.
 * Binary files, symlinks, submodules and oversized files are left out (the manifest layer reports those it reads).
 */
export function changedTexts(files: readonly FileChange[], limits: ManifestLimits): ChangedText[] {
  return files.flatMap((file) => {
    const head = textOf(file.head, limits);
    return head === null ? [] : [{ path: file.path, head, base: textOf(file.base, limits) }];
  });
}

function textOf(version: FileChange["head"], limits: ManifestLimits): Uint8Array | null {
  if (!version || version.kind !== "file" || version.content === null || version.binary || version.tooLarge) return null;
  if (version.content.length > limits.maxBytes || version.content.subarray(0, 8192).includes(0)) return null;
  return version.content;
}
