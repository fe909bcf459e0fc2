import type { Decision, Finding } from "../engine/decision.js";
import type { Severity } from "../engine/severity.js";
import type { RuleDescription } from "../engine/rule-description.js";


export interface SarifOptions {
  version: string;
  /** The rule catalogue's description of a rule, when the caller has it (SARIF's rule metadata). */
  describeRule?: (id: string) => RuleDescription | undefined;
}

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { critical: "error", high: "error", medium: "warning", low: "note" };

/** SARIF 2.1.0 for GitHub code scanning: one result per finding; findings on a commit (no file) carry no location. */
export function renderSarif(decision: Decision, { version, describeRule }: SarifOptions): string {
  const ruleIds = [...new Set(decision.findings.map((f) => f.rule))].sort();
  const rules = ruleIds.map((id) => {
    const described = describeRule?.(id);
    const sample = decision.findings.find((f) => f.rule === id)!;
    return {
      id,
      name: id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
      shortDescription: { text: described?.title ?? id },
      fullDescription: { text: described?.description ?? sample.message },
      help: { text: described?.fix ?? sample.remediation },
      helpUri: `https://github.com/flux-warden/flux-warden/blob/main/docs/rules.md#${id.replace("/", "")}`,
      defaultConfiguration: { level: LEVEL[sample.severity] },
      properties: { tags: ["security", id.split("/")[0]], "security-severity": SECURITY_SEVERITY[sample.severity] },
    };
  });
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "flux-warden", informationUri: "https://github.com/flux-warden/flux-warden", version, rules } },
        versionControlProvenance: [{ repositoryUri: ".", revisionId: decision.head }],
        results: decision.findings.map((f) => result(f, ruleIds.indexOf(f.rule))),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** GitHub code scanning ranks security results by this 0–10 score. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "2.0" };

function result(f: Finding, ruleIndex: number) {
  return {
    ruleId: f.rule,
    ruleIndex,
    level: f.exception ? "note" : f.blocking ? "error" : LEVEL[f.severity],
    message: { text: `${f.message}${f.commit ? ` (commit ${f.commit})` : ""}\nFix: ${f.remediation}` },
    ...(f.path
      ? { locations: [{ physicalLocation: { artifactLocation: { uri: f.path }, ...(f.line ? { region: { startLine: f.line } } : {}) } }] }
      : {}),
    ...(f.exception ? { suppressions: [{ kind: "external", justification: f.exception.reason }] } : {}),
    partialFingerprints: { "fluxWarden/v1": `${f.rule}:${f.path ?? ""}:${f.object ? `${f.object.kind}/${f.object.namespace ?? ""}/${f.object.name}` : f.commit ?? ""}` },
  };
}
