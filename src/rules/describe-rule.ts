import type { RuleDescription } from "../engine/rule-description.js";
import { GATE_RULES } from "../engine/gate-rules.js";
import { ruleById } from "./catalogue.js";

const GATE = new Map(GATE_RULES.map((rule) => [rule.id, rule]));

/** The description of any rule the gate can report (manifest rules and the gate's own), without examples or checks. */
export function describeRule(id: string): RuleDescription | undefined {
  const rule = ruleById(id) ?? GATE.get(id);
  if (!rule) return undefined;
  const { severity, title, description, why, fix } = rule;
  return { id, severity, title, description, why, fix };
}
