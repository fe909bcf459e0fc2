import type { RuleFinding } from "../engine/finding.js";
import type { ManifestObject, ObjectChange, ParsedFile, Side } from "../manifests/types.js";
import type { Pause } from "../manifests/time-slicer.js";
import { isStandaloneObject } from "./standalone-object.js";
import type { ChangedText, ChangeRule, FileRule, Hit, ObjectRule, Rule, RuleContext, RuleMeta, TextRule } from "./types.js";

export interface RunRulesInput {
  changes: ObjectChange[];
  /** The head side of every changed file that was read (file rules look at these). */
  headFiles: ParsedFile[];
  rules: readonly Rule[];
  /** The context of a path on one side (a file may be a patch at base and a whole object at head). */
  contextOf(path: string, side?: Side): RuleContext;
  /** Runs between objects, to let the event loop turn (see time-slicer.ts). */
  pause: Pause;
  /** Every changed file's text, for text rules (any file kind, not only manifests). */
  texts: readonly ChangedText[];
}

/**
 * Runs the catalogue over a change and reports what it makes worse (design notes §4): an object rule's head hit is
 * dropped when the matched base object has a hit with the same key for the same rule; change rules compare the two
 * sides themselves; file rules report every head file that cannot be evaluated.
 */
export async function runRules({ changes, headFiles, rules, contextOf, pause, texts }: RunRulesInput): Promise<RuleFinding[]> {
  const objectRules = rules.filter((r): r is ObjectRule => r.scope === "object");
  const changeRules = rules.filter((r): r is ChangeRule => r.scope === "change");
  const fileRules = rules.filter((r): r is FileRule => r.scope === "file");
  const textRules = rules.filter((r): r is TextRule => r.scope === "text");
  const findings: RuleFinding[] = [];

  for (const text of texts) {
    await pause();
    const context = contextOf(text.path);
    for (const rule of textRules) {
      const existing = new Set(text.base === null ? [] : rule.check(text.base, context).map((h) => h.key));
      for (const hit of unique(rule.check(text.head, context))) {
        if (!existing.has(hit.key)) findings.push({ ...describe(rule, hit.message), path: text.path, line: hit.line, commit: null, object: null });
      }
    }
  }

  for (const file of headFiles) {
    for (const rule of fileRules) {
      for (const hit of rule.check(file, contextOf(file.path))) {
        findings.push({ ...describe(rule, hit.message), path: file.path, line: hit.line, commit: null, object: null });
      }
    }
  }
  for (const change of changes) {
    await pause();
    // Same value at the same path gives the same hits on both sides: nothing can have become worse.
    if (change.base && change.head && change.base.path === change.head.path && sameValue(change.base, change.head)) continue;
    const { base, head } = change;
    if (head) {
      for (const rule of objectRules) {
        const context = contextOf(head.path, "head");
        if (!judges(rule, context, head)) continue;
        const hits = rule.check(head, context);
        if (hits.length === 0) continue;
        const baseContext = base ? contextOf(base.path, "base") : null;
        // A base object the rule did not judge (a patch file then) hid nothing: every head hit is new.
        const existing = new Set(base && baseContext && judges(rule, baseContext, base) ? rule.check(base, baseContext).map((h) => h.key) : []);
        for (const hit of unique(hits)) if (!existing.has(hit.key)) findings.push(objectFinding(rule, hit, head));
      }
    }
    for (const rule of changeRules) {
      const context = contextOf((head ?? base)!.path);
      if (!judges(rule, context, (head ?? base)!)) continue;
      for (const hit of unique(rule.check(change, context))) {
        const object = hit.side === "base" || !head ? base! : head;
        findings.push(objectFinding(rule, hit, object));
      }
    }
  }
  return findings;
}

/**
 * A rule reporting missing fields has nothing to say about a patch file: the patched object has the fields. Unless the
 * "patch" is an object Flux could apply on its own (standalone-object.ts): deleting its folder's kustomization later
 * would apply it whole, unjudged, so it is judged whole now.
 */
function judges(rule: RuleMeta, context: RuleContext, object: ManifestObject): boolean {
  return !(rule.judgesMissingFields && context.appliedAsPatch && !isStandaloneObject(object));
}

function objectFinding(rule: RuleMeta, hit: Hit, object: ManifestObject): RuleFinding {
  const name = object.namespace ? `${object.namespace}/${object.name}` : object.name;
  return {
    ...describe(rule, `${object.kind} ${name}: ${hit.message}`),
    path: object.path,
    line: hit.line ?? object.lineOf(hit.at),
    commit: null,
    object: { apiVersion: object.apiVersion, kind: object.kind, namespace: object.namespace, name: object.name },
  };
}

function describe(rule: RuleMeta, message: string): Pick<RuleFinding, "rule" | "severity" | "message" | "remediation" | "confidence"> {
  return { rule: rule.id, severity: rule.severity, message, remediation: rule.fix, ...(rule.confidence ? { confidence: rule.confidence } : {}) };
}

/** One finding per (rule, object, key): a check listing the same risk twice reports it once. */
function unique<T extends { key: string }>(hits: T[]): T[] {
  const seen = new Set<string>();
  return hits.filter((hit) => !seen.has(hit.key) && (seen.add(hit.key), true));
}

function sameValue(a: ManifestObject, b: ManifestObject): boolean {
  // Values are plain JSON-like data (cycles are refused at parse time), so their serialisations compare them.
  return JSON.stringify(a.value) === JSON.stringify(b.value);
}
