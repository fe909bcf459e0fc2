import { createMessage, readSignature, verify, type Signature, type SignaturePacket } from "openpgp";
import type { Signer } from "../engine/decision.js";
import { keyIndex } from "./key-index.js";
import { openPgpKeyOf } from "./key-handle.js";
import type { AllowedKey, Keyring, SignatureVerdict } from "./keyring.js";
import { OPENPGP_CONFIG } from "./openpgp-config.js";
import { openPgpKeyStatusAt } from "./openpgp-key-status.js";

/** Messages OpenPGP.js throws when the signature itself does not verify (anything else is about the key or policy). */
const CRYPTO_FAILURE = /Signed digest did not match|Signature verification failed/;

/**
 * Verifies an armored OpenPGP detached signature over `payload` with Flux's rules (go-crypto
 * `CheckArmoredDetachedSignature`, clock = `now`). The candidate key is found by the issuer key id of the first
 * signature packet that names an allowed key — no other key is tried; the same key listed in several entries is tried
 * entry by entry, as Flux tries keyring by keyring. Expiry and revocation are judged at `now`, not at signing time.
 */
export async function verifyOpenPgp(payload: Uint8Array, armored: string, keyring: Keyring, now: Date): Promise<SignatureVerdict> {
  let signature: Signature;
  try {
    signature = await readSignature({ armoredSignature: armored, config: OPENPGP_CONFIG });
  } catch (error) {
    return { reason: "bad-signature", signer: null, detail: `malformed OpenPGP signature: ${(error as Error).message}` };
  }
  // readSignature accepts signature packets only; go-crypto refuses a packet that names no issuer, and so do we.
  const packets = Array.from(signature.packets).filter((p) => !/^0*$/.test(p.issuerKeyID.toHex()));
  if (packets.length === 0) return { reason: "bad-signature", signer: null, detail: "the OpenPGP signature names no issuer key" };

  const index = keyIndex(keyring);
  const issuer = describeIssuer(packets[0]!);
  if (index.openPgpCount === 0) {
    return {
      reason: "untrusted-key",
      signer: null,
      detail: `PGP signature by ${issuer} detected but no PGP public keys found in the allowed set (Flux reads every Secret entry not named *.sshpub as an armored OpenPGP key)`,
    };
  }
  for (const packet of packets) {
    const keyId = packet.issuerKeyID.toHex().toUpperCase();
    const candidates = index.byKeyId.get(keyId);
    if (!candidates) continue;
    let first: SignatureVerdict | null = null;
    for (const candidate of candidates) {
      const verdict = await checkCandidate(payload, signature, packet, candidate, now);
      if (verdict.reason === "verified") return verdict;
      first ??= verdict;
    }
    return first!;
  }
  const id = packets[0]!.issuerKeyID.toHex().toUpperCase();
  return {
    reason: "untrusted-key",
    signer: null,
    detail: `signed by ${issuer}, which is not in the allowed signing keys; to trust it, add \`gpg --export --armor ${id}\` as an entry of the verification Secret`,
  };
}

async function checkCandidate(payload: Uint8Array, signature: Signature, packet: SignaturePacket, allowed: AllowedKey, now: Date): Promise<SignatureVerdict> {
  const key = openPgpKeyOf(allowed);
  const keyId = packet.issuerKeyID.toHex().toUpperCase();
  const signer: Signer = { type: "openpgp", fingerprint: allowed.fingerprint, keyId, userIds: allowed.userIds };
  if (!key) return { reason: "bad-signature", signer, detail: `allowed key ${allowed.fingerprint} was not parsed by readKeyring` };

  let failure: string | null = null;
  try {
    const message = await createMessage({ binary: payload });
    const result = await verify({ message, signature, verificationKeys: [key], date: now, config: OPENPGP_CONFIG });
    const mine = result.signatures.find((s) => s.keyID.equals(packet.issuerKeyID));
    if (!mine) throw new Error(`no verification result for key id ${keyId}`);
    await mine.verified;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  // go-crypto checks the cryptography first: a signature that does not match is bad whatever the key's state.
  if (failure !== null && CRYPTO_FAILURE.test(failure)) {
    return { reason: "bad-signature", signer, detail: `the signature by key ${keyId} does not match the signed content` };
  }
  const status = await openPgpKeyStatusAt(key, packet.issuerKeyID, now);
  if (status) return { reason: status.reason, signer, detail: status.detail };
  if (failure !== null) {
    const reason = /Insecure (message )?hash algorithm/.test(failure) ? "unsupported-format" : "bad-signature";
    return { reason, signer, detail: `the signature by key ${keyId} was refused: ${explain(failure)}` };
  }
  const who = allowed.userIds[0] ? `${allowed.userIds[0]} ` : "";
  const via = keyId === allowed.fingerprint.slice(-16) ? "" : ` with subkey ${keyId}`;
  return { reason: "verified", signer, detail: `signed by ${who}${allowed.fingerprint}${via} (${allowed.source})` };
}

/** OpenPGP.js's refusals after a matching signature, said the way a developer needs to hear them. */
function explain(failure: string): string {
  if (/Signature is expired/.test(failure)) return "the signature itself has expired (it was made with an expiration time)";
  if (/creation time is in the future/.test(failure)) return "the signature is dated in the future";
  return failure;
}

function describeIssuer(packet: SignaturePacket): string {
  const keyId = packet.issuerKeyID.toHex().toUpperCase();
  const fpr = packet.issuerFingerprint ? Buffer.from(packet.issuerFingerprint).toString("hex").toUpperCase() : null;
  return fpr ? `OpenPGP key ${fpr} (key id ${keyId})` : `OpenPGP key id ${keyId}`;
}
