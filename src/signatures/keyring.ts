import type { KeySummary, Signer, VerificationReason } from "../engine/decision.js";

/**
 * The allowed-signing-keys set, as Flux reads it from `spec.verify.secretRef`: every entry on its own, one bad entry
 * never poisons the rest.
 */
export interface Keyring {
  keys: AllowedKey[];
  /** Entries that could not be read (reported, never fatal on their own). */
  problems: KeyProblem[];
}

export interface AllowedKey extends KeySummary {
  /** Upper-case 16-hex key ids of the primary key and every subkey (OpenPGP); empty for SSH. */
  keyIds: string[];
  /** The parsed key, opaque to everything but the verifier that made it. */
  handle: unknown;
}

export interface KeyProblem {
  /** Where, e.g. `clusters/prod/flux-system/keys.yaml#bob.asc`. */
  source: string;
  message: string;
}

/** One raw entry: a Secret data key or a key file. */
export interface KeyEntry {
  /** The entry name (Secret data key or file base name); `.sshpub` selects SSH, anything else OpenPGP. */
  name: string;
  /** Human-readable origin, recorded in the Decision. */
  source: string;
  bytes: Uint8Array;
}

/** The outcome of verifying one signature over one payload. */
export interface SignatureVerdict {
  reason: VerificationReason;
  signer: Signer | null;
  detail: string;
}
