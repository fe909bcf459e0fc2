import type { KeyID, PublicKey, Subkey } from "openpgp";
import type { VerificationReason } from "../engine/decision.js";
import { OPENPGP_CONFIG } from "./openpgp-config.js";

/** Why a key that made a cryptographically valid signature may still not be trusted now. */
export interface KeyStatusProblem {
  reason: Extract<VerificationReason, "revoked-key" | "expired-key" | "bad-signature">;
  detail: string;
}

/**
 * Judges the signing key **at `now`**, as Flux (go-crypto `checkSignatureDetails`) does — OpenPGP.js alone judges at
 * the signature's creation time, so an old commit would keep verifying after its key expired. Checks, in go-crypto's
 * order: primary revoked, signing subkey revoked or expired (binding signature included), primary expired; then asks
 * OpenPGP.js whether the key can sign at `now` at all (user ID revoked, sign flag, cross-signature). Null when fine.
 */
export async function openPgpKeyStatusAt(primary: PublicKey, signingKeyId: KeyID, now: Date): Promise<KeyStatusProblem | null> {
  const primaryId = primary.getKeyID().toHex().toUpperCase();
  const signingId = signingKeyId.toHex().toUpperCase();
  if (await primary.isRevoked(undefined, undefined, now, OPENPGP_CONFIG)) {
    return { reason: "revoked-key", detail: `primary key ${primaryId} is revoked` };
  }
  const subkey = primary.getSubkeys(signingKeyId)[0];
  if (subkey) {
    const problem = await subkeyProblem(subkey, signingId, now);
    if (problem) return problem;
  }
  const expiry = await primary.getExpirationTime(undefined, OPENPGP_CONFIG);
  if (expiry instanceof Date && expiry.getTime() <= now.getTime()) {
    return { reason: "expired-key", detail: `primary key ${primaryId} expired on ${expiry.toISOString()}` };
  }
  try {
    await primary.getSigningKey(signingKeyId, now, undefined, OPENPGP_CONFIG);
  } catch (error) {
    return classify(error, `key ${signingId} cannot sign now`);
  }
  return null;
}

async function subkeyProblem(subkey: Subkey, id: string, now: Date): Promise<KeyStatusProblem | null> {
  try {
    await subkey.verify(now, OPENPGP_CONFIG);
    return null;
  } catch (error) {
    const problem = classify(error, `signing subkey ${id} has no valid binding signature now`);
    if (problem.reason === "revoked-key") return { reason: "revoked-key", detail: `signing subkey ${id} is revoked` };
    if (problem.reason !== "expired-key") return problem;
    // `null` asks for the latest binding signature whatever the time, to say when it expired.
    const expiry = await subkey.getExpirationTime(null as unknown as Date, OPENPGP_CONFIG).catch(() => null);
    return { reason: "expired-key", detail: `signing subkey ${id} expired${expiry instanceof Date ? ` on ${expiry.toISOString()}` : ""}` };
  }
}

function classify(error: unknown, context: string): KeyStatusProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (/revoked/i.test(message)) return { reason: "revoked-key", detail: `${context}: ${message}` };
  if (/expired/i.test(message)) return { reason: "expired-key", detail: `${context}: ${message}` };
  return { reason: "bad-signature", detail: `${context}: ${message}` };
}
