import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";

/**
 * An Ed25519 SSH signing key made in-process, for fixtures with thousands of commits: signing a commit is a
 * microsecond `crypto.sign`, not an `ssh-keygen -Y sign` process. The signatures are real sshsig signatures
 * (OpenSSH PROTOCOL.sshsig, namespace `git`, SHA-512), byte-for-byte what `ssh-keygen -Y sign -n git` writes for the
 * same key and message (Ed25519 signing is deterministic); the benchmarks check samples with `git verify-commit`.
 */
export interface BenchSshKey {
  /** `ssh-ed25519 AAAA… comment`: an authorized_keys line, for a `.sshpub` key file or an allowed-signers file. */
  publicLine: string;
  /** `SHA256:…`, as `ssh-keygen -lf` prints it (and policies name signers). */
  fingerprint: string;
  /** The armored signature of `message` (`-----BEGIN SSH SIGNATURE-----` … with a final newline). */
  sign(message: Uint8Array): string;
}

const MAGIC = Buffer.from("SSHSIG");

export function createBenchSshKey(comment: string): BenchSshKey {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x ?? "", "base64url");
  const blob = Buffer.concat([sshString("ssh-ed25519"), sshString(raw)]);
  return {
    publicLine: `ssh-ed25519 ${blob.toString("base64")} ${comment}`,
    fingerprint: `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`,
    sign: (message) => signSshsig(privateKey, blob, message),
  };
}

function signSshsig(key: KeyObject, publicBlob: Buffer, message: Uint8Array): string {
  const namespace = "git";
  const hash = createHash("sha512").update(message).digest();
  const signed = Buffer.concat([MAGIC, sshString(namespace), sshString(""), sshString("sha512"), sshString(hash)]);
  const signature = Buffer.concat([sshString("ssh-ed25519"), sshString(sign(null, signed, key))]);
  const body = Buffer.concat([MAGIC, uint32(1), sshString(publicBlob), sshString(namespace), sshString(""), sshString("sha512"), sshString(signature)]);
  const lines = body.toString("base64").match(/.{1,70}/g) ?? [];
  return `-----BEGIN SSH SIGNATURE-----\n${lines.join("\n")}\n-----END SSH SIGNATURE-----\n`;
}

function sshString(value: string | Buffer): Buffer {
  const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
  return Buffer.concat([uint32(bytes.length), bytes]);
}

function uint32(n: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(n);
  return out;
}
