import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";
import type { AuditEntry, AuditRecord } from "./audit-record.js";

/** The `prevHash` of the very first record of a chain. */
export const GENESIS_HASH = "0".repeat(64);

/** sha256 (hex) of the record's canonical JSON without its own `hash` member. */
export function hashRecord(record: Omit<AuditRecord, "hash"> | AuditRecord): string {
  const { hash: _ignored, ...content } = record as AuditRecord;
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

/** Places an entry in the chain after the record `prev` (seq, hash): the only way records are made. */
export function sealRecord(entry: AuditEntry, prev: { seq: number; hash: string }): AuditRecord {
  const unsealed = { ...entry, seq: prev.seq + 1, prevHash: prev.hash };
  return { ...unsealed, hash: hashRecord(unsealed) };
}
