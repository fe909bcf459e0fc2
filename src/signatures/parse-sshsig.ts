import { createHash } from "node:crypto";
import { SshReader, sshString } from "./ssh-wire.js";
import { strictBase64 } from "./strict-base64.js";

/** An `SSHSIG` blob (OpenSSH PROTOCOL.sshsig), as `git commit -S` with `gpg.format=ssh` writes it. */
export interface SshSig {
  /** The signer's public key blob. */
  publicKey: Uint8Array;
  namespace: string;
  reserved: Uint8Array;
  /** `sha256` or `sha512` (others are refused while parsing). */
  hashAlgorithm: "sha256" | "sha512";
  /** The inner signature blob: string(algorithm) string(signature bytes) [+ security-key flags and counter]. */
  signature: Uint8Array;
}

/** Thrown for a well-formed signature that uses something sshsig does not define (a later version, another hash). */
export class UnsupportedSshSig extends Error {}

const BEGIN = "-----BEGIN SSH SIGNATURE-----";
const END = "-----END SSH SIGNATURE-----";
const MAGIC = "SSHSIG";

/**
 * Unarmors and parses an SSH signature. Like Go's `pem.Decode` (which Flux uses), text after the END line is ignored;
 * unlike Node's lenient base64, the body must be exact base64. Throws `UnsupportedSshSig` for an unknown version or
 * hash algorithm, and a plain `Error` for anything malformed.
 */
export function parseSshSig(armored: string): SshSig {
  const lines = armored.trim().split(/\r?\n/).map((line) => line.trim());
  if (lines[0] !== BEGIN) throw new Error("does not start with -----BEGIN SSH SIGNATURE-----");
  const end = lines.indexOf(END);
  if (end === -1) throw new Error("has no -----END SSH SIGNATURE----- line");
  const bytes = strictBase64(lines.slice(1, end).join(""));
  if (!bytes || bytes.length === 0) throw new Error("armored body is not valid base64");

  const r = new SshReader(bytes);
  if (Buffer.from(r.raw(MAGIC.length)).toString("latin1") !== MAGIC) throw new Error("blob does not start with SSHSIG");
  const version = r.uint32();
  if (version !== 1) throw new UnsupportedSshSig(`sshsig version ${version} (only version 1 exists)`);
  const publicKey = r.string();
  const namespace = r.text();
  const reserved = r.string();
  const hashAlgorithm = r.text();
  const signature = r.string();
  if (!r.done) throw new Error("blob has trailing bytes");
  if (hashAlgorithm !== "sha256" && hashAlgorithm !== "sha512") {
    throw new UnsupportedSshSig(`sshsig hash algorithm ${JSON.stringify(hashAlgorithm)} (only sha256 and sha512 are defined)`);
  }
  return { publicKey, namespace, reserved, hashAlgorithm, signature };
}

/**
 * The bytes an sshsig signature actually signs (PROTOCOL.sshsig): `SSHSIG`, then namespace, reserved, hash algorithm
 * and the hash of the message, each as an SSH string. Binding the namespace in is what stops a signature made for
 * another purpose (`file`, `email`) from passing as a git signature.
 */
export function sshsigSignedData(sig: SshSig, message: Uint8Array): Buffer {
  return Buffer.concat([
    Buffer.from(MAGIC, "latin1"),
    sshString(sig.namespace),
    sshString(sig.reserved),
    sshString(sig.hashAlgorithm),
    sshString(createHash(sig.hashAlgorithm).update(message).digest()),
  ]);
}
