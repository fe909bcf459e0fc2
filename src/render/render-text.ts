import type { Decision, CommitVerdict } from "../engine/decision.js";
import { bySeverity, headline, location, reasons, reproduceCommand } from "./summarize.js";

export interface TextOptions {
  color: boolean;
}

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
type Style = keyof typeof CODES;

/** What a person reads in a terminal. */
export function renderText(decision: Decision, { color }: TextOptions): string {
  const paint = (style: Style, text: string) => (color ? `\x1b[${CODES[style]}m${text}\x1b[0m` : text);
  const out: string[] = [];
  const ok = decision.conclusion === "success";
  out.push(paint("bold", `flux-warden ${ok ? paint("green", "✔") : paint("red", "✘")} ${headline(decision)}`));
  for (const reason of reasons(decision)) out.push(`  - ${reason}`);
  out.push("");
  out.push(paint("bold", `Commits (${decision.mode === "head" ? "HEAD only, as Flux" : "every commit"}):`));
  for (const c of decision.commits) out.push(`  ${commitLine(c, paint)}`);
  if (decision.commits.length === 0) out.push("  (none)");
  const tenants = Object.entries(decision.tenants);
  if (tenants.length) {
    out.push("", paint("bold", "Tenants touched:"));
    for (const [tenant, paths] of tenants) out.push(`  ${tenant}: ${paths.length} file${paths.length === 1 ? "" : "s"}`);
  }
  if (decision.findings.length) out.push("", paint("bold", "Findings:"));
  for (const [severity, findings] of bySeverity(decision.findings)) {
    for (const f of findings) {
      const tag = f.blocking ? paint("red", `${severity.toUpperCase()} blocking`) : paint("yellow", f.exception ? `${severity} excepted` : f.waiver ? `${severity} waived` : severity);
      out.push(`  [${tag}] ${paint("bold", f.rule)} ${location(f)}`);
      out.push(`      ${f.message}`);
      if (f.approval) out.push(`      approval: ${f.approval.detail}`);
      if (f.exception) out.push(paint("dim", `      accepted: ${f.exception.reason}`));
      else if (f.waiver) out.push(paint("dim", `      waived: ${f.waiver.reason}`));
      else out.push(paint("dim", `      fix: ${f.remediation}`));
    }
  }
  if (decision.keyProblems.length) {
    out.push("", paint("bold", "Key entries skipped (as Flux skips them):"));
    for (const p of decision.keyProblems) out.push(`  ${p.source}: ${p.message}`);
  }
  if (decision.skipped.length) {
    out.push("", paint("dim", `Not analysed as manifests: ${decision.skipped.map((s) => `${s.path} (${s.reason})`).join(", ")}`));
  }
  const policy = decision.policy;
  out.push("", paint("dim", `policy: ${policy.source === "default" ? "built-in default (no .github/flux-warden.yml on the base)" : policy.path}${policy.ref ? ` @ ${policy.ref.slice(0, 12)}` : ""} · ${decision.keys.length} allowed key${decision.keys.length === 1 ? "" : "s"}`));
  out.push(paint("dim", `reproduce: ${reproduceCommand(decision)}`));
  return `${out.join("\n")}\n`;
}

function commitLine(c: CommitVerdict, paint: (s: Style, t: string) => string): string {
  const mark = c.verified ? paint("green", "✔") : paint("red", "✘");
  const signer = c.signer ? `${c.signer.type} ${c.signer.fingerprint}${c.signer.userIds[0] ? ` ${c.signer.userIds[0]}` : ""}` : "no trusted signer";
  const tenants = c.tenants.length ? ` [${c.tenants.join(", ")}]` : c.automation ? " [image automation]" : c.webFlow?.accepted ? " [GitHub merge]" : "";
  return `${mark} ${c.sha.slice(0, 12)} ${c.reason.padEnd(18)} ${signer}${tenants} ${paint("dim", c.subject)}`;
}
