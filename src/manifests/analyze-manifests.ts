import type { RuleFinding } from "../engine/finding.js";
import type { Policy } from "../policy/schema.js";
import { RULES } from "../rules/catalogue.js";
import { createRuleContext } from "../rules/create-rule-context.js";
import { runRules } from "../rules/run-rules.js";
import type { Rule } from "../rules/types.js";
import type { FileChange } from "../sources/change-set.js";
import { patchFilesOfChange } from "./change-patch-files.js";
import { changedTexts } from "./changed-texts.js";
import { diffObjects } from "./diff-objects.js";
import { patchOnlyFiles } from "./patch-only-files.js";
import { DEFAULT_MANIFEST_LIMITS, type ManifestLimits } from "./limits.js";
import { readChangeFiles } from "./read-change-files.js";
import { createTimeSlicer } from "./time-slicer.js";
import type { RepoIndex } from "./repo-index.js";

export interface AnalyzeManifestsInput {
  /** The net change (`ChangeSet.files`), with content at both ends. */
  files: FileChange[];
  /** The base's policy: tenants, `rules.registries`, `rules.sources`. */
  policy: Policy;
  index: RepoIndex;
  /** Parser bounds (tests lower them); the defaults otherwise. */
  limits?: ManifestLimits;
  /** The rules to run; the whole catalogue otherwise. */
  rules?: readonly Rule[];
}

export interface ManifestAnalysis {
  /** What the change makes worse, ordered by path, line, rule. Blocking and exceptions are the engine's to apply. */
  findings: RuleFinding[];
  /** Files not evaluated as manifests (binary, not YAML, symlink, content not loaded) and why. */
  skipped: Array<{ path: string; reason: string }>;
}

/**
 * The engine's second sense: parses the manifests a change touches at base and at head, matches objects across the
 * change set, and runs the rule catalogue, reporting only the risks the change adds. Pure (no I/O, no clock in its
 * result); asynchronous only to give the event loop a turn between files and objects.
 */
export async function analyzeManifests({ files, policy, index, limits = DEFAULT_MANIFEST_LIMITS, rules = RULES }: AnalyzeManifestsInput): Promise<ManifestAnalysis> {
  const pause = createTimeSlicer();
  const read = await readChangeFiles(files, limits, pause);
  const changes = diffObjects(read.baseObjects, read.headObjects, read.renames);
  // The base index's patch files, minus what the change touches, plus the head version of touched patch files.
  const patchFiles = patchFilesOfChange(index.patchFiles, files, { objects: read.headObjects, files: read.headFiles }, limits);
  // Per side: a file the base used only as a patch may be a whole object at head (or the other way round).
  const patchOnly = { base: patchOnlyFiles(index, [], []), head: patchOnlyFiles(index, files, read.headObjects) };
  const contextOf = createRuleContext(policy, { ...index, patchFiles }, patchOnly);
  const findings = await runRules({ changes, headFiles: read.headFiles, rules, contextOf, pause, texts: changedTexts(files, limits) });
  return { findings: findings.sort(byLocation), skipped: read.skipped };
}

function byLocation(a: RuleFinding, b: RuleFinding): number {
  return cmp(a.path ?? "", b.path ?? "") || (a.line ?? 0) - (b.line ?? 0) || cmp(a.rule, b.rule) || cmp(a.message, b.message);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
