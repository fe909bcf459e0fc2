import type { Decision, Finding } from "../engine/decision.js";
import { SEVERITIES, type Severity } from "../engine/severity.js";
import { describeRule } from "../rules/describe-rule.js";

/** The one-line verdict every renderer leads with, and the "why" in a developer's words. */
export function headline(decision: Decision): string {
  const blocking = decision.findings.filter((f) => f.blocking);
  if (decision.conclusion === "success") {
    const commits = decision.commits.length;
    const notes = decision.findings.length ? `; ${plural(decision.findings.length, "non-blocking finding")}` : "";
    return `passed: ${plural(commits, "commit")} verified${notes}`;
  }
  return `failed: ${plural(blocking.length, "blocking finding")}`;
}

/** Short reasons, one per kind of blocking problem: "2 commits are not signed", "1 path …". */
export function reasons(decision: Decision): string[] {
  const blocking = decision.findings.filter((f) => f.blocking);
  const byRule = new Map<string, number>();
  for (const f of blocking) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  return [...byRule].map(([rule, n]) => describeRuleCount(rule, n));
}

const RULE_PHRASES: Record<string, [string, string]> = {
  "signature/unsigned": ["commit is not signed", "commits are not signed"],
  "signature/untrusted-key": ["commit is signed by a key outside the allowed set", "commits are signed by keys outside the allowed set"],
  "signature/bad-signature": ["commit has a signature that does not match its content", "commits have signatures that do not match their content"],
  "signature/expired-key": ["commit is signed by an expired key", "commits are signed by expired keys"],
  "signature/revoked-key": ["commit is signed by a revoked key", "commits are signed by revoked keys"],
  "signature/unsupported-format": ["commit has a signature format Flux cannot verify", "commits have signature formats Flux cannot verify"],
  "signature/no-keys": ["allowed-signing-keys set is empty", "allowed-signing-keys sets are empty"],
  "ownership/wrong-tenant": ["path is changed by a signer of another tenant", "paths are changed by signers of other tenants"],
  "ownership/unowned-path": ["path is owned by no tenant", "paths are owned by no tenant"],
  "ownership/symlink-escape": ["symlink points outside the repository", "symlinks point outside the repository"],
};

function describeRuleCount(rule: string, n: number): string {
  const phrase = RULE_PHRASES[rule];
  if (phrase) return `${n} ${n === 1 ? phrase[0] : phrase[1]}`;
  const title = describeRule(rule)?.title;
  return title ? `${plural(n, "finding")}: ${title} (${rule})` : `${plural(n, "finding")} of ${rule}`;
}

/** Findings grouped by severity, most severe first, empty groups left out. */
export function bySeverity(findings: Finding[]): Array<[Severity, Finding[]]> {
  return SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s)] as [Severity, Finding[]]).filter(([, fs]) => fs.length > 0);
}

export function location(f: Finding): string {
  if (!f.path) return f.commit ? `commit ${f.commit.slice(0, 12)}` : "repository";
  return f.line ? `${f.path}:${f.line}` : f.path;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The command that reproduces this decision on a developer's machine. */
export function reproduceCommand(decision: Decision): string {
  return `npx flux-warden check --base ${decision.base} --head ${decision.head}`;
}
