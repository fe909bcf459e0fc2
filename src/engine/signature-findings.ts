import type { CommitVerdict } from "./decision.js";
import type { RuleFinding } from "./finding.js";
import { NO_KEYS_RULE, SIGNATURE_RULES } from "./gate-rules.js";

/** One `signature/<reason>` finding per commit that did not verify. */
export function signatureFindings(verdicts: CommitVerdict[], keyCount: number): RuleFinding[] {
  const findings: RuleFinding[] = [];
  if (keyCount === 0) {
    findings.push({
      rule: NO_KEYS_RULE.id,
      severity: NO_KEYS_RULE.severity,
      message: NO_KEYS_RULE.description,
      remediation: NO_KEYS_RULE.fix,
      path: null,
      line: null,
      commit: null,
      object: null,
    });
  }
  for (const verdict of verdicts) {
    if (verdict.verified) continue;
    const rule = SIGNATURE_RULES[verdict.reason as Exclude<typeof verdict.reason, "verified">];
    findings.push({
      rule: rule.id,
      severity: rule.severity,
      message: `Commit ${verdict.sha.slice(0, 12)} "${verdict.subject}": ${verdict.detail}`,
      remediation: rule.fix,
      path: null,
      line: null,
      commit: verdict.sha,
      object: null,
    });
  }
  return findings;
}
