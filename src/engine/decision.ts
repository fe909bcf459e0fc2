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
  /** Tenants whose `signers` include this signer (empty for an image-automation commit: it speaks for no tenant). */
  tenants: string[];
  /**
   * Present (and true) when the verified signer is an `automation.signers` key: the commit was judged by the
   * `automation/*` checks instead of ownership. Added in 0.1 without a version change (fields are only added).
   */
  automation?: true;
  /** One human sentence on the outcome, e.g. which key id signed it when it is not trusted. */
  detail: string;
  /** First line of the commit message. */
  subject: string;
  author: Person | null;
  parents: string[];
  /** Present only on commits signed by GitHub's web-flow key: how flux-warden judged them (src/web-flow). */
  webFlow?: WebFlowVerdict;
}

/**
 * A commit GitHub signed with its shared web-flow key (a merge or squash made with the button, a web-UI edit). Such a
 * commit is never a tenant's: it is accepted only as GitHub's merge or squash of changes that were verified.
 */
export interface WebFlowVerdict {
  /** `merge`: two parents; `squash`: one parent (a squash, or a web-UI edit); `other`: anything else. */
  kind: "merge" | "squash" | "other";
  /** Accepted as GitHub's merge or squash of verified changes (`signing.webFlow: merge-commits`). */
  accepted: boolean;
  /** Why, in a sentence: the condition that held, or the first that failed. */
  detail: string;
  /** The pull request GitHub says it merged into this commit, when known. */
  pull?: number;
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
  /** Present when an owner's approving review waived this `ownership/wrong-tenant` finding; it is then never blocking. */
  waiver?: Waiver;
  /** Present on an `ownership/wrong-tenant` finding an approval could waive but did not: who could, and why not. */
  approval?: ApprovalNote;
}

/** One approving review that counted for a waiver. */
export interface ApprovalRecord {
  /** The owning tenant whose approvers include the reviewer. */
  tenant: string;
  /** The `approvers` entry that matched: a login, or the `org/team-slug` the reviewer is an active member of. */
  approver: string;
  /** The reviewer's GitHub login. */
  login: string;
  reviewId: number;
  /** The head the review approved (the evaluated head: stale approvals never count). */
  commit: string;
}

export interface Waiver {
  /** Why the finding is not blocking, in a sentence. */
  reason: string;
  pull: number;
  /** One per owning tenant whose consent was needed (a path reached through a symlink may need two). */
  approvals: ApprovalRecord[];
}

export interface ApprovalNote {
  /**
   * `unavailable`: no reviews to read (a local check, a push no pull request gated); `missing`: no current approval by
   * an approver; `unconfirmed`: an approval could not be confirmed (reviews or team membership unreadable) — fail closed.
   */
  status: "unavailable" | "missing" | "unconfirmed";
  /** The `approvers` entries of the owning tenant(s) that could waive it. */
  approvers: string[];
  detail: string;
}

/** What a merge method would leave as HEAD, and whether Flux (with the keys of the base's Secret) accepts it. */
export interface MergeMethodVerdict {
  method: "merge-commit" | "squash" | "rebase" | "fast-forward";
  flux: "accepts" | "rejects" | "unknown";
  detail: string;
}

/** On a pull request: which merge methods keep Flux verifying HEAD, so nobody merges into a stalled cluster. */
export interface MergeMethodAdvice {
  /** Fingerprints of the keys Flux itself verifies with: the Secret's entries, never `file:` keys. */
  fluxKeys: string[];
  /** GitHub's web-flow key as configured (`signing.webFlowKey`); `path` null when not configured. */
  webFlowKey: { path: string | null; fingerprints: string[]; inFluxSecret: boolean | null; problem: string | null };
  methods: MergeMethodVerdict[];
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
  /** Pull requests only: which merge methods leave a HEAD that Flux accepts. */
  mergeMethods?: MergeMethodAdvice;
}
