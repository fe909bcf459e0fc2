/**
 * Splitting raw git objects into "what was signed" and "the signature", byte-exact: the payload is what
 * `git verify-commit` / `git verify-tag` and Flux verify.
 */

export interface SignedObject {
  /** The bytes the signature covers. */
  payload: Uint8Array;
  /** The armored signature, or null when the object is unsigned. */
  signature: string | null;
}

const NL = 0x0a;
const SPACE = 0x20;
const SIGNATURE_HEADERS = ["gpgsig", "gpgsig-sha256"];

/**
 * A commit object: the `gpgsig` (or `gpgsig-sha256`) header and its continuation lines are removed from the payload;
 * the signature is the header's value with the one-space continuation prefix taken off each line.
 */
export function splitSignedCommit(raw: Uint8Array): SignedObject {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const headerEnd = indexOfBlankLine(bytes);
  const kept: Buffer[] = [];
  const signatures = new Map<string, string[]>();
  let current: string[] | null = null;
  let pos = 0;
  while (pos < headerEnd) {
    const eol = bytes.indexOf(NL, pos);
    const end = eol === -1 || eol > headerEnd ? headerEnd : eol + 1;
    const line = bytes.subarray(pos, end);
    if (line[0] === SPACE && current) {
      current.push(line.subarray(1).toString("utf8").replace(/\n$/, ""));
    } else {
      const name = line.subarray(0, Math.max(0, line.indexOf(SPACE))).toString("latin1");
      if (SIGNATURE_HEADERS.includes(name) && !signatures.has(name)) {
        current = [line.subarray(name.length + 1).toString("utf8").replace(/\n$/, "")];
        signatures.set(name, current);
      } else {
        current = null;
        kept.push(line);
      }
    }
    pos = end;
  }
  kept.push(bytes.subarray(headerEnd));
  const lines = signatures.get("gpgsig") ?? signatures.get("gpgsig-sha256");
  return { payload: new Uint8Array(Buffer.concat(kept)), signature: lines ? `${lines.join("\n")}\n` : null };
}

const TAG_SIGNATURE_STARTS = [
  "-----BEGIN PGP SIGNATURE-----",
  "-----BEGIN PGP MESSAGE-----",
  "-----BEGIN SSH SIGNATURE-----",
  "-----BEGIN SIGNED MESSAGE-----",
];

/** An annotated tag object: the signature is the armored block appended to the message; the payload is what precedes it. */
export function splitSignedTag(raw: Uint8Array): SignedObject {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const bodyStart = indexOfBlankLine(bytes);
  let start = -1;
  for (const marker of TAG_SIGNATURE_STARTS) {
    const at = bytes.lastIndexOf(`\n${marker}`);
    if (at !== -1 && at + 1 >= bodyStart) start = Math.max(start, at + 1);
    if (bytes.subarray(bodyStart, bodyStart + marker.length).toString("latin1") === marker) start = Math.max(start, bodyStart);
  }
  if (start === -1) return { payload: new Uint8Array(bytes), signature: null };
  return { payload: new Uint8Array(bytes.subarray(0, start)), signature: bytes.subarray(start).toString("utf8") };
}

/** Index just past the header block's terminating blank line (or the end when there is no body). */
function indexOfBlankLine(bytes: Buffer): number {
  const at = bytes.indexOf("\n\n");
  return at === -1 ? bytes.length : at + 1;
}
