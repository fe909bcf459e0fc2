import { config as defaults, type Config } from "openpgp";

/**
 * The OpenPGP.js settings that make it accept what Flux (ProtonMail go-crypto) accepts. Passed to every `readKeys`,
 * `verify` and key-validity call, never set globally (other code in the process may want the stricter defaults).
 *
 * - `rejectPublicKeyAlgorithms`: empty, so DSA/ElGamal keys verify ("dsa keys are considered too weak" otherwise);
 *   Flux's own test key is DSA.
 * - `rejectCurves`: empty; go-crypto has no curve deny-list.
 * - `minRSABits`: 1024 instead of 2047; go-crypto verifies older 1024-bit RSA keys and so must we.
 * - Kept from the defaults, a deliberate deviation: message signatures over MD5, RIPEMD-160 or SHA-1 are refused
 *   (SHA-1 collisions are practical; nothing current signs commits with it).
 */
export const OPENPGP_CONFIG: Config = {
  ...defaults,
  rejectPublicKeyAlgorithms: new Set(),
  rejectCurves: new Set(),
  minRSABits: 1024,
};
