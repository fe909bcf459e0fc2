import type { AuditRecord } from "./audit-record.js";

/** One line per record for `flux-warden audit list`: what a person scans for; `show` prints everything. */
export function formatAuditLine(record: AuditRecord): string {
  const change = `${record.base.slice(0, 12)}..${record.head.slice(0, 12)}`;
  const where = record.pullRequest !== null ? `PR #${record.pullRequest}` : record.kind === "push" ? (record.forced ? "push (forced)" : "push") : record.kind;
  const rules = [...new Set(record.findings.map((f) => f.rule))];
  const findings = record.findings.length === 0 ? "no findings" : `${record.findings.length} finding${record.findings.length === 1 ? "" : "s"} (${rules.slice(0, 3).join(", ")}${rules.length > 3 ? ", …" : ""})`;
  const unverified = record.commits.filter((c) => !c.verified).length;
  const commits = `${record.commits.length} commit${record.commits.length === 1 ? "" : "s"}${unverified ? `, ${unverified} unverified` : ""}`;
  const outcome = record.error ? `error: ${record.error}` : findings;
  return [`#${record.seq}`, record.time, record.conclusion.padEnd(7), record.repository, where, change, commits, outcome].join("  ");
}
