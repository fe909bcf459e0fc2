/**
 * The SSH wire encoding (RFC 4251 §5) that public key blobs and `SSHSIG` signatures are made of: big-endian uint32,
 * length-prefixed strings and mpints. Every read is bounds-checked: these bytes come from commits anyone can push.
 */
export class SshReader {
  private pos = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** True when every byte has been consumed (trailing bytes make a blob malformed). */
  get done(): boolean {
    return this.pos === this.bytes.length;
  }

  uint32(): number {
    if (this.pos + 4 > this.bytes.length) throw new Error("truncated uint32");
    const b = this.bytes;
    const value = ((b[this.pos]! << 24) | (b[this.pos + 1]! << 16) | (b[this.pos + 2]! << 8) | b[this.pos + 3]!) >>> 0;
    this.pos += 4;
    return value;
  }

  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error("truncated byte");
    return this.bytes[this.pos++]!;
  }

  raw(length: number): Uint8Array {
    if (this.pos + length > this.bytes.length) throw new Error("truncated data");
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  /** A length-prefixed byte string. */
  string(): Uint8Array {
    return this.raw(this.uint32());
  }

  /** A length-prefixed string read as ASCII text (algorithm names, namespaces). */
  text(): string {
    return Buffer.from(this.string()).toString("latin1");
  }

  /** An mpint as unsigned magnitude bytes (the sign-padding zero byte removed); negative values are refused. */
  mpint(): Uint8Array {
    const bytes = this.string();
    if (bytes.length > 0 && (bytes[0]! & 0x80) !== 0) throw new Error("negative mpint");
    let start = 0;
    while (start < bytes.length && bytes[start] === 0) start++;
    return bytes.subarray(start);
  }
}

/** Encodes one SSH `string`: uint32 length, then the bytes. */
export function sshString(value: Uint8Array | string): Buffer {
  const bytes = typeof value === "string" ? Buffer.from(value, "latin1") : Buffer.from(value);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}
