import type { Conclusion, PolicyRef, Signer, VerificationReason, Waiver, WebFlowVerdict } from "../engine/decision.js";
import type { Severity } from "../engine/severity.js";

/** Bumped only when a field changes meaning or is removed; new optional fields keep version 1. */
export const AUDIT_RECORD_VERSION = 1;

/** One commit as the audit log keeps it: enough to answer "who signed this and what did we think of it". */
export interface AuditCommit {
  sha: string;
  verified: boolean;
  reason: VerificationReason;
  signer: Pick<Signer, "type" | "fingerprint" | "keyId" | "userIds"> | null;
  tenants: string[];
  /** How a commit signed by GitHub's web-flow key was judged (null otherwise). Absent in records made before it existed. */
  webFlow?: Pick<WebFlowVerdict, "kind" | "accepted" | "detail"> & { pull: number | null } | null;
  /** Set on image-automation commits, judged by the automation rules instead of tenant ownership. */
  automation?: true;
}

/** A finding, with the exception that accepted it (and its reason) when one applied. */
export interface AuditFinding {
  rule: string;
  severity: Severity;
  blocking: boolean;
  message: string;
  path: string | null;
  line: number | null;
  commit: string | null;
  object: { apiVersion: string; kind: string; namespace: string | null; name: string } | null;
  exception: { rule: string; reason: string } | null;
  /** The owners' approvals that waived it (who, which review, on which head); null when none did. Absent in older records. */
  waiver?: Waiver | null;
}

/**
 * The content of one audit record, as the app produces it: one per completed evaluation. Serialized as canonical
 * JSON; every field is always present (null when unknown) so the document shape is stable for SIEM parsers.
 */
export interface AuditEntry {
  version: typeof AUDIT_RECORD_VERSION;
  /** ISO 8601, when the record was made. */
  time: string;
  /** The queue job that produced it: a job re-run after a crash appends nothing twice. Null for in-memory queues. */
  jobId: string | null;
  delivery: string;
  event: string;
  kind: "pull_request" | "push" | "merge_group";
  installation: number;
  /** `owner/name` */
  repository: string;
  pullRequest: number | null;
  base: string;
  head: string;
  forced: boolean;
  /** Null when the evaluation failed before a policy was read. */
  policy: PolicyRef | null;
  /** The allowed signing keys the decision was made with. */
  keys: Array<{ type: string; fingerprint: string; source: string }>;
  commits: AuditCommit[];
  findings: AuditFinding[];
  conclusion: Conclusion;
  checkRunId: number | null;
  durationMs: number;
  appVersion: string;
  /** Why the evaluation could not finish (conclusion is then `failure`); null when it did. */
  error: string | null;
}

/** A stored record: the entry plus its place in the hash chain. `id` is the sequence number. */
export interface AuditRecord extends AuditEntry {
  seq: number;
  /** Hash of the previous record (or of the last pruned record, or the genesis hash for the first). */
  prevHash: string;
  /** sha256 of the canonical JSON of every other field, `seq` and `prevHash` included. */
  hash: string;
}
