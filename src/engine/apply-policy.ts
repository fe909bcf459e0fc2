import type { Finding } from "./decision.js";
import type { RuleFinding } from "./finding.js";
import { isAtLeast, compareSeverity } from "./severity.js";
import type { Policy } from "../policy/schema.js";
import { matchesGlob } from "../policy/tenants.js";

/** Rule families the policy can never soften: they are the gate itself. */
const UNCONDITIONAL_FAMILY = "signature/";

/**
 * Turns what the checks found into the Decision's findings: drops disabled rules, applies severity overrides and
 * exceptions, and decides `blocking` against `rules.block`. The one place that decides blocking, so no rule can.
 */
export function applyPolicy(found: RuleFinding[], rules: Policy["rules"]): Finding[] {
  const disabled = new Set(rules.disable);
  const findings: Finding[] = [];
  for (const finding of found) {
    if (finding.rule.startsWith(UNCONDITIONAL_FAMILY)) {
      findings.push({ ...finding, severity: "critical", blocking: true });
      continue;
    }
    if (disabled.has(finding.rule)) continue;
    const severity = rules.severity[finding.rule] ?? finding.severity;
    const exception = rules.exceptions.find(
      (e) => matchesRuleGlob(finding.rule, e.rule) && finding.path !== null && e.paths.some((p) => matchesGlob(finding.path!, p)),
    );
    if (exception) {
      findings.push({ ...finding, severity, blocking: false, exception: { rule: exception.rule, reason: exception.reason } });
    } else {
      findings.push({ ...finding, severity, blocking: isAtLeast(severity, rules.block) });
    }
  }
  return findings.sort(compareFindings);
}

/** `rbac/*` matches every rbac rule; `*` matches all; otherwise exact. */
export function matchesRuleGlob(rule: string, pattern: string): boolean {
  if (pattern === "*" || pattern === rule) return true;
  return pattern.endsWith("/*") && rule.startsWith(pattern.slice(0, -1));
}

/** Blocking first, then most severe, then by location and rule: a stable order for output and the audit log. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    Number(b.blocking) - Number(a.blocking) ||
    compareSeverity(a.severity, b.severity) ||
    byCodeUnit(a.path ?? "", b.path ?? "") ||
    (a.line ?? 0) - (b.line ?? 0) ||
    byCodeUnit(a.rule, b.rule) ||
    byCodeUnit(a.commit ?? "", b.commit ?? "") ||
    byCodeUnit(a.message, b.message)
  );
}

/** Locale-independent, so the order (and the audit record's hash) is the same on every machine. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
