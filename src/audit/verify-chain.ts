import { hashRecord, GENESIS_HASH } from "./hash-record.js";
import type { AuditRecord } from "./audit-record.js";
import type { ChainSource, Checkpoint, StoredAuditRow } from "./audit-store.js";

/** How a chain failed: the first record that was changed, is missing, or is out of place. */
export type ChainProblem = "altered" | "removed" | "reordered";

/** The result of `verifyChain`: intact (with the range checked), or the first broken record and why. */
export type ChainReport =
  | { intact: true; records: number; first: number | null; last: number | null; checkpoint: Checkpoint | null }
  | { intact: false; seq: number; problem: ChainProblem; message: string; checked: number };

/**
 * Recomputes the hash chain from the latest checkpoint (or the genesis hash) to the chain head, and names the first
 * record that was altered (content or index columns no longer match its hash, or it was re-hashed so its successor no
 * longer chains to it), removed (a gap in the sequence, or the head names a record that is gone) or reordered (a row
 * holds another position's record).
 */
export async function verifyChain(source: ChainSource): Promise<ChainReport> {
  const checkpoint = await source.checkpoint();
  const head = await source.head();
  let prev = checkpoint ? { seq: checkpoint.seq, hash: checkpoint.hash } : { seq: 0, hash: GENESIS_HASH };
  let first: number | null = null;
  let checked = 0;
  const broken = (seq: number, problem: ChainProblem, message: string): ChainReport => ({ intact: false, seq, problem, message, checked });

  for await (const row of source.rows(head.seq)) {
    const expected = prev.seq + 1;
    let record: AuditRecord;
    try {
      record = JSON.parse(row.doc) as AuditRecord;
    } catch {
      return broken(row.seq, "altered", `record #${row.seq} was altered: its document is not valid JSON`);
    }
    if (record.seq !== row.seq) {
      return broken(row.seq, "reordered", `record #${row.seq} was reordered: position #${row.seq} holds record #${record.seq}`);
    }
    if (row.seq < expected) {
      return broken(row.seq, "reordered", `record #${row.seq} was reordered: it appears after record #${prev.seq}`);
    }
    if (row.seq > expected) {
      const missing = row.seq - 1 > expected ? `records #${expected}–#${row.seq - 1} were` : `record #${expected} was`;
      return broken(expected, "removed", `${missing} removed: the sequence jumps from #${prev.seq} to #${row.seq}`);
    }
    const hash = hashRecord(record);
    if (hash !== record.hash || hash !== row.hash || !columnsMatch(row, record)) {
      return broken(row.seq, "altered", `record #${row.seq} was altered: its content does not match its hash`);
    }
    if (record.prevHash !== prev.hash) {
      // The record itself is consistent, so its predecessor is not the record it was chained to.
      return prev.seq === (checkpoint?.seq ?? 0)
        ? broken(row.seq, "removed", `record #${row.seq} does not chain to ${checkpoint ? `checkpoint #${checkpoint.seq}` : "the start of the log"}: records before it were removed or replaced`)
        : broken(prev.seq, "altered", `record #${prev.seq} was altered: record #${row.seq} does not chain to it`);
    }
    first ??= row.seq;
    prev = { seq: row.seq, hash: record.hash };
    checked++;
  }

  if (head.seq > prev.seq) {
    const missing = head.seq > prev.seq + 1 ? `records #${prev.seq + 1}–#${head.seq} were` : `record #${head.seq} was`;
    return broken(prev.seq + 1, "removed", `${missing} removed: the chain head is #${head.seq} but the log ends at #${prev.seq}`);
  }
  if (head.seq < prev.seq || head.hash !== prev.hash) {
    return broken(prev.seq, "altered", `record #${prev.seq} was altered: it does not match the chain head`);
  }
  return { intact: true, records: checked, first, last: checked ? prev.seq : null, checkpoint };
}

function columnsMatch(row: StoredAuditRow, record: AuditRecord): boolean {
  return (
    row.jobId === record.jobId &&
    row.time === record.time &&
    row.repository === record.repository &&
    row.base === record.base &&
    row.head === record.head &&
    row.conclusion === record.conclusion
  );
}
