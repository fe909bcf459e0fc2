import type { Keyring, SignatureVerdict } from "./keyring.js";
import { verifyOpenPgp } from "./verify-openpgp.js";
import { verifySsh } from "./verify-ssh.js";

/**
 * Verifies one commit's or tag's signature over its payload against the allowed-signing-keys set, exactly as Flux
 * does: dispatch on the armor's first line (after trimming whitespace, as Flux does), keys judged at `now`.
 *
 * - `-----BEGIN PGP SIGNATURE-----` → OpenPGP (an END line naming `PGP MESSAGE`, or text after the END line, is
 *   tolerated, as go-crypto tolerates it);
 * - `-----BEGIN SSH SIGNATURE-----` → SSH signature, namespace `git`;
 * - `-----BEGIN SIGNED MESSAGE-----` (x509 / gitsign) and anything else, `PGP MESSAGE` armor included →
 *   `unsupported-format`, as Flux reports "x509" / "unknown";
 * - no signature → `unsigned`.
 *
 * Never throws: every failure is a verdict with a `detail` a developer can act on.
 *
 * @example
 * const { payload, signature } = splitSignedCommit(rawCommit);
 * const verdict = await verifySignature(payload, signature, keyring, new Date());
 * if (verdict.reason !== "verified") console.log(verdict.detail);
 */
export async function verifySignature(payload: Uint8Array, signature: string | null, keyring: Keyring, now: Date): Promise<SignatureVerdict> {
  const armored = (signature ?? "").trim();
  if (armored === "") return { reason: "unsigned", signer: null, detail: "the commit is not signed" };
  if (payload.length === 0) return { reason: "bad-signature", signer: null, detail: "nothing was signed: the payload is empty" };
  try {
    if (armored.startsWith("-----BEGIN PGP SIGNATURE-----")) return await verifyOpenPgp(payload, armored, keyring, now);
    if (armored.startsWith("-----BEGIN SSH SIGNATURE-----")) return verifySsh(payload, armored, keyring);
  } catch (error) {
    // The verifiers turn every known failure into a verdict; this is the fail-closed net for the unknown ones.
    return { reason: "bad-signature", signer: null, detail: `the signature could not be verified: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (armored.startsWith("-----BEGIN SIGNED MESSAGE-----")) {
    return { reason: "unsupported-format", signer: null, detail: "unsupported signature type: x509 (S/MIME or gitsign); Flux verifies only OpenPGP and SSH signatures" };
  }
  const firstLine = armored.split("\n", 1)[0]!.slice(0, 60);
  return { reason: "unsupported-format", signer: null, detail: `detected signature format: unknown (${JSON.stringify(firstLine)}); Flux verifies only OpenPGP and SSH signatures` };
}
