import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { DEFAULT_MAX_FILE_BYTES, type FileChange, type FileVersion } from "../../../src/sources/change-set.js";
import { blob, fileChange } from "./file-change.js";

/** One rule fixture, ready to analyse. */
export interface FixtureCase {
  name: string;
  expectation: "fire" | "pass";
  change: FileChange;
  /** Lines marked `# expect` in the head text. */
  expectedLines: number[];
  /** The base tree (path → text): the files under `<case>.tree/`, and the case's own base version. */
  tree: Record<string, string>;
}

/**
 * Reads `<dir>/<file>` (and its `.base.yaml` sibling) as a FileChange. Leading `# path:` and `# entry:` comments
 * set the repository path and turn the head into a submodule or an oversized blob. A `<case>.tree/` folder holds
 * files of the base tree the change leaves untouched, at their repository paths (for the repository index).
 */
export function loadFixtureCase(dir: string, file: string): FixtureCase {
  const text = readFileSync(join(dir, file), "utf8");
  const stem = file.replace(/\.ya?ml$/, "");
  const basePath = join(dir, `${stem}.base.yaml`);
  const baseText = existsSync(basePath) ? readFileSync(basePath, "utf8") : null;
  const path = directive(text, "path") ?? `clusters/prod/platform/${basename(file)}`;
  const previous = baseText === null ? null : (directive(baseText, "path") ?? path);
  const entry = directive(text, "entry");
  const head: FileVersion | string =
    entry === "submodule"
      ? { kind: "submodule", mode: "160000", oid: "1".repeat(40), size: -1, content: null }
      : entry === "too-large"
        ? { ...blob(""), size: DEFAULT_MAX_FILE_BYTES * 3, content: null, tooLarge: true }
        : text;
  const change = fileChange(path, { base: baseText, head, ...(previous && previous !== path ? { previousPath: previous } : {}) });
  const expectedLines = text.split("\n").flatMap((line, i) => (/#\s*expect\s*$/.test(line) ? [i + 1] : []));
  const tree = readTree(join(dir, `${stem}.tree`));
  if (baseText !== null && previous !== null) tree[previous] = baseText;
  return { name: stem, expectation: stem.startsWith("fire") ? "fire" : "pass", change, expectedLines, tree };
}

/** Every file under `root`, by its path relative to it; empty when there is no such folder. */
function readTree(root: string): Record<string, string> {
  if (!existsSync(root)) return {};
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files[relative(root, full).split("\\").join("/")] = readFileSync(full, "utf8");
  }
  return files;
}

function directive(text: string, name: string): string | null {
  for (const line of text.split("\n")) {
    if (!line.startsWith("#")) break;
    const match = new RegExp(`^#\\s*${name}:\\s*(\\S+)`).exec(line);
    if (match) return match[1]!;
  }
  return null;
}
