import type { AuditEntry, AuditRecord } from "./audit-record.js";
import type { ChainReport } from "./verify-chain.js";

/** Which records `list` and `export` return. All given conditions must hold. */
export interface AuditFilter {
  /** `owner/name`, exact (case-insensitive). */
  repository?: string;
  /** A commit sha or a prefix of one: matches the base, the head or any evaluated commit. */
  sha?: string;
  conclusion?: "success" | "failure";
  /** A rule id, or a family with `*` (`rbac/*`): records with at least one such finding. */
  rule?: string;
  /** Inclusive bounds on the record's time. */
  since?: Date;
  until?: Date;
  limit?: number;
}

/** What a prune left behind: the last pruned record's seq and hash, from which `verify` resumes the chain. */
export interface Checkpoint {
  seq: number;
  hash: string;
  prunedAt: string;
  prunedCount: number;
  /** Records older than this were pruned. */
  cutoff: string;
}

/** What `prune` did. */
export interface PruneResult {
  pruned: number;
  /** Null when nothing was old enough: no checkpoint is written for an empty prune. */
  checkpoint: Checkpoint | null;
}

/**
 * The audit log, one interface over SQLite and PostgreSQL. Append-only: the only deletion is `prune`, an explicit
 * call that leaves a checkpoint so the chain still verifies.
 */
export interface AuditStore {
  /**
   * Seals and stores one entry at the end of the chain; appends are serialized per store (also across processes).
   * An entry whose `jobId` is already recorded is not stored again: the existing record is returned.
   */
  append(entry: AuditEntry): Promise<AuditRecord>;
  /** Newest first; at most `filter.limit` (default 100). */
  list(filter?: AuditFilter): Promise<AuditRecord[]>;
  /** By sequence number. */
  get(seq: number): Promise<AuditRecord | null>;
  /** Oldest first, read in pages so memory stays bounded however long the log is. `limit` is ignored. */
  export(filter?: AuditFilter): AsyncIterable<AuditRecord>;
  /** Recomputes the hash chain (see `verifyChain`). */
  verify(): Promise<ChainReport>;
  /**
   * Deletes the records older than `before` (only an unbroken prefix of the chain) and records a checkpoint. Refuses
   * to prune a chain that does not verify, so pruning can never hide tampering.
   */
  prune(before: Date): Promise<PruneResult>;
  close(): Promise<void>;
}

/** A row as stores keep it: the record's canonical JSON plus the columns that index it. */
export interface StoredAuditRow {
  seq: number;
  hash: string;
  doc: string;
  jobId: string | null;
  time: string;
  repository: string;
  base: string;
  head: string;
  conclusion: string;
}

/** The low-level reads `verifyChain` needs; both stores provide them. */
export interface ChainSource {
  /** The latest checkpoint, or null if the log was never pruned. */
  checkpoint(): Promise<Checkpoint | null>;
  /** The chain-head row: the last appended record's seq and hash (seq 0 before the first append). */
  head(): Promise<{ seq: number; hash: string }>;
  /** Every row up to `maxSeq` (the head read before), in ascending `seq` order: later appends are not this pass's. */
  rows(maxSeq: number): AsyncIterable<StoredAuditRow>;
}

/** Decodes a stored row's document. */
export function recordFromRow(row: Pick<StoredAuditRow, "doc">): AuditRecord {
  return JSON.parse(row.doc) as AuditRecord;
}
