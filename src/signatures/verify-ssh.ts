import type { Signer } from "../engine/decision.js";
import { keyIndex } from "./key-index.js";
import { sshKeyOf } from "./key-handle.js";
import type { AllowedKey, Keyring, SignatureVerdict } from "./keyring.js";
import { parseSshSig, sshsigSignedData, UnsupportedSshSig } from "./parse-sshsig.js";
import { sshFingerprint } from "./ssh-public-key.js";
import { verifySshSignatureBlob } from "./verify-ssh-signature-blob.js";

/** Git signs with this sshsig namespace; a signature made for anything else (e.g. `file`) must not pass as a commit's. */
export const GIT_NAMESPACE = "git";

/**
 * Verifies an armored SSH signature (`-----BEGIN SSH SIGNATURE-----`) over `payload` as `ssh-keygen -Y verify -n git`
 * and Flux do, with node:crypto only. The candidate key is the allowed key whose blob equals the one the signature
 * embeds; no other key is tried. Reasons: malformed blob or wrong namespace → `bad-signature`; a sshsig version, hash
 * or signature algorithm we do not verify → `unsupported-format`.
 */
export function verifySsh(payload: Uint8Array, armored: string, keyring: Keyring): SignatureVerdict {
  let sig;
  try {
    sig = parseSshSig(armored);
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof UnsupportedSshSig) return { reason: "unsupported-format", signer: null, detail: `SSH signature uses ${message}` };
    return { reason: "bad-signature", signer: null, detail: `malformed SSH signature: it ${message}` };
  }

  const index = keyIndex(keyring);
  const fingerprint = sshFingerprint(sig.publicKey);
  if (index.sshCount === 0) {
    return {
      reason: "untrusted-key",
      signer: null,
      detail: `SSH signature by ${fingerprint} detected but no SSH public keys found in the allowed set (Flux reads them from Secret entries named *.sshpub)`,
    };
  }
  const candidates = index.bySshBlob.get(Buffer.from(sig.publicKey).toString("hex")) ?? [];
  const allowed = candidates[0];
  const key = allowed ? sshKeyOf(allowed) : null;
  if (!allowed || !key) {
    return { reason: "untrusted-key", signer: null, detail: `signed by SSH key ${fingerprint}, which is not in the allowed signing keys; to trust it, add its public key line to a *.sshpub entry of the verification Secret` };
  }

  const signer = sshSigner(allowed);
  if (sig.namespace !== GIT_NAMESPACE) {
    return { reason: "bad-signature", signer, detail: `the SSH signature was made for namespace "${sig.namespace}", not "git": it is not a git signature` };
  }
  const check = verifySshSignatureBlob(key, sig.signature, sshsigSignedData(sig, payload));
  if (!check.ok) return { reason: check.reason, signer, detail: `SSH key ${fingerprint}: ${check.detail}` };
  return { reason: "verified", signer, detail: `signed by SSH key ${fingerprint} (${allowed.source})` };
}

function sshSigner(key: AllowedKey): Signer {
  return { type: "ssh", fingerprint: key.fingerprint, keyId: key.fingerprint, userIds: key.userIds };
}
