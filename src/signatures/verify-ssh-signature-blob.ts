import { constants, createHash, verify, type KeyObject } from "node:crypto";
import type { SshPublicKey } from "./ssh-public-key.js";
import { SshReader } from "./ssh-wire.js";

/** The result of checking one inner SSH signature: valid, or why not. */
export type BlobCheck = { ok: true } | { ok: false; reason: "bad-signature" | "unsupported-format"; detail: string };

const ECDSA: Record<string, { hash: string; size: number }> = {
  "ecdsa-sha2-nistp256": { hash: "sha256", size: 32 },
  "ecdsa-sha2-nistp384": { hash: "sha384", size: 48 },
  "ecdsa-sha2-nistp521": { hash: "sha512", size: 66 },
  "sk-ecdsa-sha2-nistp256@openssh.com": { hash: "sha256", size: 32 },
};

const RSA_HASHES: Record<string, string> = { "rsa-sha2-256": "sha256", "rsa-sha2-512": "sha512" };

/** FIDO "user present" flag: without it a security key signed without a touch (OpenSSH refuses that by default). */
const SK_USER_PRESENT = 0x01;

/**
 * Verifies an SSH signature blob (`string alg, string sig` [, `byte flags, uint32 counter` for security keys]) over
 * `data` with `key`, for ssh-ed25519, ssh-rsa (rsa-sha2-256/512), ecdsa-sha2-nistp256/384/521 and their security-key
 * (`sk-`) variants. SHA-1 `ssh-rsa` signatures and `ssh-dss` are `unsupported-format`: OpenSSH never makes them for
 * sshsig.
 */
export function verifySshSignatureBlob(key: SshPublicKey, blob: Uint8Array, data: Uint8Array): BlobCheck {
  const bad = (detail: string): BlobCheck => ({ ok: false, reason: "bad-signature", detail });
  const unsupported = (detail: string): BlobCheck => ({ ok: false, reason: "unsupported-format", detail });
  let algorithm: string;
  let sig: Uint8Array;
  let sk: { flags: number; counter: number } | null = null;
  try {
    const r = new SshReader(blob);
    algorithm = r.text();
    sig = r.string();
    if (key.application !== null) sk = { flags: r.byte(), counter: r.uint32() };
    if (!r.done) return bad("the signature blob has trailing bytes");
  } catch (error) {
    return bad(`the signature blob is malformed (${(error as Error).message})`);
  }
  if (!key.key) return unsupported(`${key.type} signatures are not supported (OpenSSH no longer makes them)`);
  if (algorithm === "ssh-rsa") return unsupported("ssh-rsa signatures use SHA-1, which sshsig does not allow; re-sign with rsa-sha2-512");

  const isRsa = key.type === "ssh-rsa" && algorithm in RSA_HASHES;
  if (!isRsa && algorithm !== key.type) return bad(`a ${algorithm} signature cannot come from a ${key.type} key`);

  let message = data;
  if (sk) {
    if ((sk.flags & SK_USER_PRESENT) === 0) return bad("the security key signed without user presence (no touch)");
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(sk.counter);
    const app = createHash("sha256").update(key.application ?? "").digest();
    message = Buffer.concat([app, Buffer.from([sk.flags]), counter, createHash("sha256").update(data).digest()]);
  }
  try {
    if (isRsa) return result(verifyRsa(key.key, RSA_HASHES[algorithm]!, message, sig));
    const ecdsa = ECDSA[algorithm];
    if (ecdsa) return result(verifyEcdsa(key.key, ecdsa, message, sig));
    if (sig.length !== 64) return bad(`an Ed25519 signature is 64 bytes, this one ${sig.length}`);
    return result(verify(null, message, key.key, sig));
  } catch (error) {
    return bad(`the signature is malformed (${(error as Error).message})`);
  }
}

function result(valid: boolean): BlobCheck {
  return valid ? { ok: true } : { ok: false, reason: "bad-signature", detail: "the signature does not match the signed content" };
}

function verifyRsa(key: KeyObject, hash: string, data: Uint8Array, sig: Uint8Array): boolean {
  const size = Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  if (sig.length > size) return false;
  // SSH may drop leading zero bytes of an RSA signature; OpenSSL wants it exactly as long as the modulus.
  const padded = Buffer.concat([Buffer.alloc(size - sig.length), sig]);
  return verify(hash, data, { key, padding: constants.RSA_PKCS1_PADDING }, padded);
}

function verifyEcdsa(key: KeyObject, curve: { hash: string; size: number }, data: Uint8Array, sig: Uint8Array): boolean {
  const r = new SshReader(sig);
  const parts = [r.mpint(), r.mpint()];
  if (!r.done || parts.some((p) => p.length > curve.size || p.length === 0)) return false;
  const p1363 = Buffer.concat(parts.map((p) => Buffer.concat([Buffer.alloc(curve.size - p.length), p])));
  return verify(curve.hash, data, { key, dsaEncoding: "ieee-p1363" }, p1363);
}
