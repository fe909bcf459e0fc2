import { posix } from "node:path";
import type { CommitVerdict, Signer } from "./decision.js";
import type { RuleFinding } from "./finding.js";
import { OWNERSHIP_RULES, type GateRule } from "./gate-rules.js";
import type { FileChange } from "../sources/change-set.js";
import type { Policy } from "../policy/schema.js";
import { tenantsOwning } from "../policy/tenants.js";

/** The files one signature vouches for: a commit's own changes, or (head mode) the whole change under HEAD's signature. */
export interface OwnershipUnit {
  verdict: CommitVerdict;
  files: FileChange[];
}

/**
 * Every changed path — both sides of a rename, and the target of a symlink — must be owned by a tenant the signer
 * belongs to. The signer decides, never the author field. Unverified commits are skipped: they already fail, and
 * without a verified signer there is no one to attribute the paths to.
 */
export function ownershipFindings(units: OwnershipUnit[], policy: Policy): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const { verdict, files } of units) {
    if (!verdict.verified || !verdict.signer) continue;
    const seen = new Set<string>();
    for (const file of files) {
      for (const touched of touchedPaths(file)) {
        if (seen.has(touched.path)) continue;
        seen.add(touched.path);
        const finding = judgePath(touched, verdict, verdict.signer, policy);
        if (finding) findings.push(finding);
      }
    }
  }
  return findings;
}

interface TouchedPath {
  path: string;
  /** Set when the path is reached through a symlink: the link's own path. */
  via: string | null;
  /** The symlink target leaves the repository. */
  escapes: boolean;
}

/** The paths a file change touches, for ownership. */
export function touchedPaths(file: FileChange): TouchedPath[] {
  const paths: TouchedPath[] = [{ path: file.path, via: null, escapes: false }];
  if (file.previousPath && file.previousPath !== file.path) paths.push({ path: file.previousPath, via: null, escapes: false });
  const head = file.head;
  if (head?.kind === "symlink" && head.content) {
    const target = Buffer.from(head.content).toString("utf8");
    const resolved = posix.normalize(posix.join(posix.dirname(file.path), target));
    const escapes = posix.isAbsolute(target) || resolved === ".." || resolved.startsWith("../");
    paths.push({ path: escapes ? target : resolved, via: file.path, escapes });
  }
  return paths;
}

function judgePath(touched: TouchedPath, verdict: CommitVerdict, signer: Signer, policy: Policy): RuleFinding | null {
  const commit = verdict.sha;
  if (touched.escapes) {
    return finding(OWNERSHIP_RULES.symlinkEscape, touched.via ?? touched.path, commit,
      `Symlink ${touched.via} points to ${touched.path}, outside the repository.`);
  }
  // A symlink may name a directory: "clusters/prod/platform" matches no "clusters/*/platform/**" pattern, but
  // "clusters/prod/platform/" does — count both, or a link to a whole folder would look unowned.
  const owners = touched.via
    ? [...new Set([...tenantsOwning(policy, touched.path), ...tenantsOwning(policy, `${touched.path}/`)])]
    : tenantsOwning(policy, touched.path);
  const through = touched.via ? ` (through symlink ${touched.via})` : "";
  if (owners.length === 0) {
    if (policy.unowned === "allow") return null;
    return finding(OWNERSHIP_RULES.unownedPath, touched.via ?? touched.path, commit,
      `${touched.path}${through} is owned by no tenant; commit ${short(commit)} changes it.`);
  }
  if (owners.some((owner) => verdict.tenants.includes(owner))) return null;
  const signerSide = verdict.tenants.length
    ? `a signer of tenant${verdict.tenants.length > 1 ? "s" : ""} ${verdict.tenants.map((n) => `"${n}"`).join(", ")}`
    : "a key that belongs to no tenant";
  return finding(OWNERSHIP_RULES.wrongTenant, touched.via ?? touched.path, commit,
    `${touched.path}${through} is owned by tenant ${quoteList(owners)}; commit ${short(commit)} is signed by ${describeSigner(signer)}, ${signerSide}.`);
}

function finding(rule: GateRule, path: string, commit: string, message: string): RuleFinding {
  return { rule: rule.id, severity: rule.severity, message, remediation: rule.fix, path, line: null, commit, object: null };
}

/** `ABCD…1234 (Alice <alice@example.com>)`: the fingerprint first, since user ids are not verified by anyone. */
export function describeSigner(signer: Signer): string {
  const who = signer.userIds[0];
  return who ? `${signer.fingerprint} (${who})` : signer.fingerprint;
}

function quoteList(names: string[]): string {
  return names.map((n) => `"${n}"`).join(" or ");
}

function short(sha: string): string {
  return sha.slice(0, 12);
}
