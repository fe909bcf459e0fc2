import type { PublicKey } from "openpgp";
import type { AllowedKey } from "./keyring.js";
import type { SshPublicKey } from "./ssh-public-key.js";

/**
 * What `AllowedKey.handle` holds: the key parsed once by `readKeyring`, so that verifying many commits never parses
 * it again. Opaque outside `src/signatures/`.
 */
export type KeyHandle = { kind: "openpgp"; key: PublicKey } | { kind: "ssh"; key: SshPublicKey };

/** The parsed OpenPGP key behind an allowed key, or null when it is not one. */
export function openPgpKeyOf(allowed: AllowedKey): PublicKey | null {
  const handle = allowed.handle as KeyHandle | undefined;
  return handle?.kind === "openpgp" ? handle.key : null;
}

/** The parsed SSH key behind an allowed key, or null when it is not one. */
export function sshKeyOf(allowed: AllowedKey): SshPublicKey | null {
  const handle = allowed.handle as KeyHandle | undefined;
  return handle?.kind === "ssh" ? handle.key : null;
}
