import type { Severity } from "./severity.js";

/**
 * The Decision contract (design notes §3): what `flux-warden check --format json` prints, what the check run renders
 * and what the audit log records. Fields are only ever added, never renamed; `version` changes if that ever breaks.
 */

export type Conclusion = "success" | "failure";

/** Outcome of verifying one commit (or tag) against the allowed-signing-keys set, with Flux's rules. */
export type VerificationReason =
  | "verified"
  | "unsigned"
  | "untrusted-key"
  | "bad-signature"
  | "expired-key"
  | "revoked-key"
  | "unsupported-format";

export type SignatureType = "openpgp" | "ssh";

/** Who signed: always the primary key (a subkey signature is reported as its primary). */
export interface Signer {
  type: SignatureType;
  /** OpenPGP primary fingerprint (upper-case hex) or SSH `SHA256:…` fingerprint. */
  fingerprint: string;
  /** The key id the signature names (the subkey's, for a subkey signature); the SSH fingerprint for SSH. */
  keyId: string;
  userIds: string[];
}

export interface Person {
  name: string;
  email: string;
  /** ISO 8601 */
  date: string;
}

export interface CommitVerdict {
  sha: string;
  verified: boolean;
  reason: VerificationReason;
  /** Known when the signature names a key we could identify (also for expired/revoked keys); null otherwise. */
  signer: Signer | null;
  /** Tenants whose `signers` include this signer. */
  tenants: string[];
  /** One human sentence on the outcome, e.g. which key id signed it when it is not trusted. */
  detail: string;
  /** First line of the commit message. */
  subject: string;
  author: Person | null;
  parents: string[];
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  blocking: boolean;
  message: string;
  remediation: string;
  path: string | null;
  line: number | null;
  commit: string | null;
  object: ObjectRef | null;
  /** Present when a `rules.exceptions` entry accepted this finding; it is then never blocking. */
  exception?: { rule: string; reason: string };
  /** Heuristic findings (HelmRelease values without chart rendering) say how sure they are. */
  confidence?: "certain" | "heuristic";
}

/** One entry of the allowed-signing-keys set, as recorded in the Decision and the audit log. */
export interface KeySummary {
  type: SignatureType;
  fingerprint: string;
  userIds: string[];
  /** Where it was read, e.g. `clusters/prod/flux-system/keys.yaml#alice.asc`. */
  source: string;
}

export interface PolicyRef {
  path: string;
  /** The commit the policy was read from (the base), or null for a `--policy` file. */
  ref: string | null;
  /** Git blob sha of the policy file, null when the built-in default was used. */
  blob: string | null;
  /** `base` (read from the base tree), `default` (no policy on the base), `file` (`--policy`). */
  source: "base" | "default" | "file";
}

export interface Decision {
  version: 1;
  conclusion: Conclusion;
  base: string;
  head: string;
  mode: "every-commit" | "head" | "tag";
  policy: PolicyRef;
  keys: KeySummary[];
  /** Key entries that could not be read (skipped, as Flux skips them). */
  keyProblems: Array<{ source: string; message: string }>;
  /** Per-commit verdicts, oldest first. */
  commits: CommitVerdict[];
  /** Ordered: blocking first, then by severity, path, line, rule. */
  findings: Finding[];
  /** Paths changed by base..head, grouped by owning tenant (`(unowned)` for none). */
  tenants: Record<string, string[]>;
  /** Files that were not analysed as manifests and why (binary, too large, submodule). */
  skipped: Array<{ path: string; reason: string }>;
}
