import { SEVERITIES } from "../engine/severity.js";
import type { Rule } from "./types.js";

/** The rule families of design notes §4; a rule outside them is a typo or an undiscussed family. */
export const RULE_FAMILIES = [
  "manifest",
  "tenancy",
  "rbac",
  "pod-security",
  "flux",
  "helm",
  "image",
  "secrets",
  "guard",
  "kustomize",
] as const;

const ID = /^([a-z0-9]+(?:-[a-z0-9]+)*)\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Checks the catalogue once, at module load: a duplicate id, a bad id, a missing or unfinished text, a missing
 * example. Every problem is collected and thrown together (kube-linter's `ValidateAndInstantiate`), so a broken
 * catalogue fails the first test and the first start, never a check run. `reserved` are ids taken by the gate rules.
 */
export function validateCatalogue<T extends Rule>(rules: T[], reserved: readonly string[] = []): T[] {
  const problems: string[] = [];
  const seen = new Set(reserved);
  for (const rule of rules) {
    const where = rule.id || "(rule without id)";
    const family = ID.exec(rule.id)?.[1];
    if (!family) problems.push(`${where}: id must be "family/name" in kebab-case`);
    else if (!(RULE_FAMILIES as readonly string[]).includes(family)) problems.push(`${where}: unknown family "${family}"`);
    if (seen.has(rule.id)) problems.push(`${where}: duplicate id`);
    seen.add(rule.id);
    if (!(SEVERITIES as readonly string[]).includes(rule.severity)) problems.push(`${where}: unknown severity "${rule.severity}"`);
    if (!rule.title?.trim()) problems.push(`${where}: missing title`);
    else if (rule.title.trim().endsWith(".")) problems.push(`${where}: title must not end with a period (it is a heading)`);
    for (const field of ["description", "why", "fix"] as const) {
      const text = rule[field]?.trim();
      if (!text) problems.push(`${where}: missing ${field}`);
      else if (!text.endsWith(".")) problems.push(`${where}: ${field} must end with a period`);
    }
    if (!rule.examples?.bad?.trim()) problems.push(`${where}: missing examples.bad`);
    if (!rule.examples?.good?.trim()) problems.push(`${where}: missing examples.good`);
    if (typeof rule.check !== "function") problems.push(`${where}: missing check`);
  }
  if (problems.length > 0) throw new Error(`invalid rule catalogue:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  return rules;
}
