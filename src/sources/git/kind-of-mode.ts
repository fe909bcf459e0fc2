import type { EntryKind } from "../change-set.js";

/** The entry kind a git tree mode stands for: `120000` symlink, `160000` submodule (gitlink), anything else a file. */
export function kindOfMode(mode: string): EntryKind {
  if (mode === "120000") return "symlink";
  if (mode === "160000") return "submodule";
  return "file";
}
