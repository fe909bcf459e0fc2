import type { RuleDescription } from "../engine/rule-description.js";
import type { RepoIndex } from "../manifests/repo-index.js";
import type { ManifestObject, NodePath, ObjectChange, ParsedFile, Side } from "../manifests/types.js";
import type { Policy } from "../policy/schema.js";

/**
 * The rule catalogue's contracts. A rule is metadata (what the docs, the check run and SARIF show) plus a check that
 * only returns hits: the runner turns hits into findings, subtracts what base already had, and the engine alone
 * decides blocking, severity overrides and exceptions from the policy.
 */

/** What every rule declares; `docs/rules.md` is generated from it. */
export interface RuleMeta extends RuleDescription {
  /**
   * YAML that fires the rule and YAML that does not, for the docs. With `base` (change rules: deletions, weakened
   * settings) both are the same file after a change from `base`; a deletion's `bad` is a file without the object.
   */
  examples: { bad: string; good: string; base?: string };
  /** Set when the check infers rather than reads the risk (e.g. Helm values without rendering the chart). */
  confidence?: "heuristic";
  /**
   * Set when the rule reports a field an object lacks (no `serviceAccountName`, no `verify`). Such a rule does not
   * judge a file a kustomization applies as a patch: a strategic-merge patch holds only the fields it changes, and the
   * object it patches has the rest.
   */
  judgesMissingFields?: true;
}

/** One risk a check found in one object. */
export interface Hit {
  /** One sentence naming the object's field and the risk. */
  message: string;
  /** The offending node, relative to the object: its line (or its nearest existing ancestor's) is the finding's. */
  at: NodePath;
  /**
   * Identifies the risk within (rule, object), independently of position: e.g. `container:app:privileged`. A head hit
   * whose key also occurs at base is not reported (the risk already existed), so a key must survive unrelated edits.
   */
  key: string;
  /** An explicit line, when the risk is inside a string (an inline kustomize patch) rather than at a node. */
  line?: number;
}

/** A hit from a change rule: it says which side's object the location refers to (head when it exists). */
export interface ChangeHit extends Hit {
  side?: Side;
}

/** A hit about a whole file (it could not be evaluated): no object, maybe a line. */
export interface FileHit {
  message: string;
  key: string;
  line: number | null;
}

/** A tenant owning the path under evaluation, with what the policy lets it do. */
export interface TenantScope {
  name: string;
  clusterScoped: boolean;
  /** Namespaces its manifests may target; empty = not restricted. */
  namespaces: string[];
}

/** Values rules take from the policy (`rules.registries`, `rules.sources`). */
export interface RuleParams {
  registries: string[];
  sources: string[];
}

/** Everything a check may consult besides the object: no I/O, no clock. */
export interface RuleContext {
  policy: Policy;
  /** The repository path of the file the object (or file) comes from. */
  path: string;
  /** The tenants owning `path` (empty when none does). */
  tenants: TenantScope[];
  index: RepoIndex;
  params: RuleParams;
  /** True when kustomize can only use the file at `path` as a patch (see patch-only-files.ts): it holds partial objects. */
  appliedAsPatch: boolean;
  /** The tenants owning any other repository path (for rules that resolve references). */
  ownersOf(path: string): TenantScope[];
}

/** A rule checked on each object at head and at base; head hits whose key base also has are dropped. */
export interface ObjectRule extends RuleMeta {
  scope: "object";
  check(object: ManifestObject, context: RuleContext): Hit[];
}

/** A rule that compares an object's base and head itself: removed guards, weakened settings, deletions. */
export interface ChangeRule extends RuleMeta {
  scope: "change";
  check(change: ObjectChange, context: RuleContext): ChangeHit[];
}

/** A rule about a head file as a whole (it cannot be evaluated): the `manifest/` family. */
export interface FileRule extends RuleMeta {
  scope: "file";
  check(file: ParsedFile, context: RuleContext): FileHit[];
}

/** A changed text file, whatever its kind (a key file, a README, a manifest): what a text rule reads. */
export interface ChangedText {
  path: string;
  /** The head's bytes: a rule searches them first and decodes only what it must (a 3,000-file change is mostly no match). */
  head: Uint8Array;
  /** The base version's bytes (under its previous path for a rename); null for an added or unreadable base. */
  base: Uint8Array | null;
}

/** A rule about the raw text of any changed file; head hits whose key the base text also has are dropped. */
export interface TextRule extends RuleMeta {
  scope: "text";
  check(bytes: Uint8Array, context: RuleContext): FileHit[];
}

export type Rule = ObjectRule | ChangeRule | FileRule | TextRule;
