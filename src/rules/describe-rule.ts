import type { Severity } from "../engine/severity.js";
import { GATE_RULES } from "../engine/gate-rules.js";
import { ruleById } from "./catalogue.js";

/** What renderers (SARIF, the check run) show about a rule besides its findings. */
export interface RuleDescription {
  id: string;
  severity: Severity;
  title: string;
  description: string;
  why: string;
  fix: string;
}

const GATE = new Map(GATE_RULES.map((rule) => [rule.id, rule]));

/** The description of any rule the gate can report (manifest rules and the gate's signature/ownership rules). */
export function describeRule(id: string): RuleDescription | undefined {
  const rule = ruleById(id) ?? GATE.get(id);
  if (!rule) return undefined;
  const { severity, title, description, why, fix } = rule;
  return { id, severity, title, description, why, fix };
}
