const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes standard, padded base64 and nothing else; returns null on anything malformed. Node's `Buffer.from(s,
 * "base64")` silently skips junk characters, which would let a mangled key or signature decode into something else.
 * Line breaks are removed first, as Go's decoder (which Flux and Kubernetes use) ignores `\r` and `\n`.
 */
export function strictBase64(text: string): Uint8Array | null {
  const compact = text.replace(/[\r\n]/g, "");
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return null;
  return new Uint8Array(Buffer.from(compact, "base64"));
}
