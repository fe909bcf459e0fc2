import type { RuleFinding } from "../engine/finding.js";
import type { RepoIndex } from "../manifests/repo-index.js";
import type { FileChange, FileVersion } from "../sources/change-set.js";
import { AUTOMATION_RULES, automationFinding } from "./automation-rules.js";
import { checkMarkedChange } from "./check-marked-change.js";
import { compareYaml } from "./compare-yaml.js";

/** Differences reported per file before the rest are summed up in one finding. */
const MAX_DIFFERENCES_PER_FILE = 10;

/**
 * One file of an image-automation commit: the controller only edits existing YAML files in place, so anything but a
 * modified regular `.yaml`/`.yml` file whose documents differ only in marked values is an unmarked change; each marked
 * value is then checked against its ImagePolicy.
 */
export function checkFileChange(file: FileChange, commit: string, index: RepoIndex): RuleFinding[] {
  const refuse = (what: string, line: number | null = null): RuleFinding =>
    automationFinding(AUTOMATION_RULES.unmarkedChange, {
      message: `Image-automation commit ${commit.slice(0, 12)} ${what}.`,
      path: file.path,
      line,
      commit,
      object: null,
    });
  const shape = refusedShape(file);
  if (shape) return [refuse(shape)];
  const base = file.base!;
  const head = file.head!;
  const unreadable = unreadableContent(base) ?? unreadableContent(head);
  if (unreadable) return [refuse(`changes ${file.path}, whose content ${unreadable}: it cannot be shown to change only marked image references`)];
  const comparison = compareYaml(decode(base.content!), decode(head.content!));
  if ("unreadable" in comparison) return [refuse(`changes ${file.path}, which ${comparison.unreadable}`)];
  const findings: RuleFinding[] = [];
  for (const difference of comparison.differences.slice(0, MAX_DIFFERENCES_PER_FILE)) {
    const at = difference.line === null ? file.path : `${file.path}:${difference.line}`;
    findings.push({ ...refuse(`changes ${at}: ${difference.message}`, difference.line), object: difference.object });
  }
  const more = comparison.differences.length - MAX_DIFFERENCES_PER_FILE;
  if (more > 0) findings.push(refuse(`makes ${more} more unmarked change${more === 1 ? "" : "s"} to ${file.path}`));
  if (comparison.differences.length === 0 && comparison.marked.length === 0) {
    findings.push(refuse(`changes ${file.path} without changing any marked value (formatting or comments only), which the controller never commits`));
  }
  for (const change of comparison.marked) findings.push(...checkMarkedChange(change, file.path, commit, index));
  return findings;
}

/** Why the file's change is not an in-place edit of a regular YAML file, or null when it is. */
function refusedShape(file: FileChange): string | null {
  const { base, head } = file;
  switch (file.status) {
    case "added":
      return `adds ${file.path}`;
    case "deleted":
      return `deletes ${file.path}`;
    case "renamed":
      return `renames ${file.previousPath ?? "a file"} to ${file.path}`;
    case "type-changed":
      return `changes ${file.path} from a ${base?.kind ?? "file"} to a ${head?.kind ?? "file"}`;
  }
  if (!base || !head || base.kind !== "file" || head.kind !== "file") return `changes ${file.path}, which is a ${head?.kind ?? base?.kind ?? "missing"} entry, not a file`;
  if (base.mode !== head.mode) return `changes the mode of ${file.path} from ${base.mode} to ${head.mode}`;
  // kio's default match, which the controller reads through: other files are never rewritten by it.
  if (!/\.ya?ml$/.test(file.path)) return `changes ${file.path}, which is not a .yaml or .yml file the controller edits`;
  return null;
}

function unreadableContent(version: FileVersion): string | null {
  if (version.tooLarge) return "is over the size limit";
  if (version.content === null) return "was not loaded";
  if (version.binary || version.content.subarray(0, 8192).includes(0)) return "is binary";
  return null;
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes);
}
