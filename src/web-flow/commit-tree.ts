/** The tree a commit records: the `tree` header that opens every raw commit object (and so every signed payload). */
export function treeOfPayload(payload: Uint8Array): string | null {
  const head = Buffer.from(payload.subarray(0, 80)).toString("latin1");
  return /^tree ([0-9a-f]{40}|[0-9a-f]{64})\n/.exec(head)?.[1] ?? null;
}
