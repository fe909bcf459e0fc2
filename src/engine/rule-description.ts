import type { Severity } from "./severity.js";

/**
 * What every rule — the gate's own (signature, ownership, branch, automation) and the manifest catalogue's — says about
 * itself. `docs/rules.md`, the check run and SARIF show it.
 */
export interface RuleDescription {
  /** `family/name`, kebab-case, stable: users disable and override rules by id. */
  id: string;
  /** Default severity (`rules.severity` may override it, except for signature rules). */
  severity: Severity;
  /** One line, stating the risky condition. */
  title: string;
  /** What the rule catches, in a sentence or two. */
  description: string;
  /** Why it matters: the attack it enables. */
  why: string;
  /** How to fix it (ends with a period). */
  fix: string;
}
