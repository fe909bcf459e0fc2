import type { CommitVerdict, Decision, Finding } from "../engine/decision.js";
import { bySeverity, headline, location, plural, reasons, reproduceCommand } from "./summarize.js";
import { renderMergeMethods } from "../web-flow/render-merge-methods.js";

/** GitHub's limit on a check run's `summary` (and `text`). */
export const CHECK_RUN_TEXT_LIMIT = 65_535;

/**
 * The check-run summary: the verdict and why in the first lines, then commits, tenants, findings with their fix, how
 * to reproduce locally and which policy decided. Always within GitHub's size limit: long sections are cut with a note.
 */
export function renderMarkdown(decision: Decision, limit = CHECK_RUN_TEXT_LIMIT): string {
  const ok = decision.conclusion === "success";
  const head: string[] = [`### ${ok ? "✅" : "❌"} flux-warden ${headline(decision)}`, ""];
  for (const reason of reasons(decision)) head.push(`- ${reason}`);
  if (!ok) head.push("", "Each finding below says how to fix it. Fix, push, and this check runs again.");
  const tail = [
    "",
    "#### Reproduce locally",
    "```sh",
    reproduceCommand(decision),
    "```",
    policyLine(decision),
  ];
  const body = [
    ...commitsTable(decision.commits),
    ...tenantsSection(decision),
    ...findingsSection(decision.findings),
    ...(decision.mergeMethods ? renderMergeMethods(decision.mergeMethods, escape) : []),
    ...problemsSection(decision),
  ];
  return fit(head.join("\n"), body, tail.join("\n"), limit);
}

function commitsTable(commits: CommitVerdict[]): string[] {
  if (!commits.length) return ["", "_No commits to verify._"];
  const rows = commits.map((c) => {
    const signer = c.signer ? escape(c.signer.userIds[0] ?? "(no user id)") : "—";
    const key = c.signer ? `\`${c.signer.fingerprint}\` ${c.signer.type}` : "—";
    // A GitHub merge is "verified" for the gate, not by a tenant's key: say which, so nobody reads it as a signature.
    const verdict = c.webFlow ? (c.webFlow.accepted ? `✅ GitHub ${c.webFlow.kind} (web-flow)` : `❌ web-flow ${c.webFlow.kind}`) : c.verified ? "✅ verified" : `❌ ${c.reason}`;
    const tenants = c.tenants.length ? c.tenants.join(", ") : c.automation ? "image automation" : c.webFlow?.accepted ? "GitHub merge" : "—";
    return `| \`${c.sha.slice(0, 12)}\` ${escape(truncate(c.subject, 60))} | ${signer} | ${key} | ${tenants} | ${verdict} |`;
  });
  return ["", "#### Commits", "| Commit | Signer | Key | Tenants | Verdict |", "|---|---|---|---|---|", ...rows];
}

function tenantsSection(decision: Decision): string[] {
  const entries = Object.entries(decision.tenants);
  if (!entries.length) return [];
  return ["", "#### Tenants touched", ...entries.map(([tenant, paths]) => `- **${escape(tenant)}**: ${plural(paths.length, "file")}`)];
}

function findingsSection(findings: Finding[]): string[] {
  if (!findings.length) return ["", "#### Findings", "None."];
  const out = ["", "#### Findings"];
  for (const [severity, group] of bySeverity(findings)) {
    out.push("", `**${severity[0]!.toUpperCase()}${severity.slice(1)}**`, "");
    for (const f of group) {
      const status = f.blocking ? "🚫 blocking" : f.exception ? "☑️ accepted exception" : f.waiver ? "☑️ waived by approval" : "⚠️ not blocking";
      out.push(`- \`${f.rule}\` at \`${location(f)}\` — ${status}  `);
      out.push(`  ${escape(f.message)}  `);
      if (f.approval) out.push(`  _Approval:_ ${escape(f.approval.detail)}  `);
      out.push(f.exception ? `  _Accepted:_ ${escape(f.exception.reason)}` : f.waiver ? `  _Waived:_ ${escape(f.waiver.reason)}` : `  _Fix:_ ${escape(f.remediation)}`);
    }
  }
  return out;
}

function problemsSection(decision: Decision): string[] {
  const out: string[] = [];
  if (decision.keyProblems.length) {
    out.push("", "#### Key entries skipped", "Flux skips these entries of the allowed-keys set too:", "");
    for (const p of decision.keyProblems) out.push(`- \`${p.source}\`: ${escape(p.message)}`);
  }
  if (decision.skipped.length) {
    out.push("", `<details><summary>${plural(decision.skipped.length, "file")} not analysed as manifests</summary>`, "");
    for (const s of decision.skipped) out.push(`- \`${s.path}\`: ${escape(s.reason)}`);
    out.push("", "</details>");
  }
  return out;
}

function policyLine(decision: Decision): string {
  const p = decision.policy;
  const where = p.source === "default" ? "the built-in default policy (the base has no `.github/flux-warden.yml`)" : `\`${p.path}\``;
  const at = p.ref ? ` at base \`${p.ref.slice(0, 12)}\`` : "";
  const blob = p.blob ? ` (blob \`${p.blob.slice(0, 12)}\`)` : "";
  return `Decided by ${where}${at}${blob} · mode \`${decision.mode}\` · ${plural(decision.keys.length, "allowed key")}.`;
}

/** Keeps head and tail whole and cuts the body line by line with a note, so the verdict and the way out always fit. */
function fit(head: string, body: string[], tail: string, limit: number): string {
  const note = (n: number) => `\n\n_…${plural(n, "more line")} cut to fit GitHub's limit: run the command below for the full report._`;
  let size = head.length + tail.length + 1;
  const kept: string[] = [];
  for (const [i, line] of body.entries()) {
    if (size + line.length + 1 + note(body.length - i).length > limit) {
      return `${head}\n${kept.join("\n")}${note(body.length - i)}\n${tail}`;
    }
    kept.push(line);
    size += line.length + 1;
  }
  return `${head}\n${kept.join("\n")}\n${tail}`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Keeps user-controlled text (commit subjects, user ids, messages) from breaking tables or injecting markup. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}
