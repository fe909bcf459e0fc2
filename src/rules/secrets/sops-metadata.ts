import { isRecord, stringAt } from "../../manifests/read-value.js";
import type { ManifestObject } from "../../manifests/types.js";

/** The parts of a SOPS file's `sops:` block that say whether, and which values, are encrypted. */
export interface SopsMetadata {
  /** `sops.mac`: without it SOPS refuses to decrypt, so the file is not a usable encrypted file. */
  mac: string | null;
  encryptedRegex: string | null;
  unencryptedRegex: string | null;
  encryptedSuffix: string | null;
  unencryptedSuffix: string | null;
}

/** The object's top-level `sops:` block, or null when it has none. */
export function sopsMetadata(object: ManifestObject): SopsMetadata | null {
  const sops = object.value.sops;
  if (!isRecord(sops)) return null;
  return {
    mac: stringAt(sops, ["mac"]),
    encryptedRegex: stringAt(sops, ["encrypted_regex"]),
    unencryptedRegex: stringAt(sops, ["unencrypted_regex"]),
    encryptedSuffix: stringAt(sops, ["encrypted_suffix"]),
    unencryptedSuffix: stringAt(sops, ["unencrypted_suffix"]),
  };
}

/** A value as `sops -e` writes it: `ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]`. Anything else is plaintext. */
const ENCRYPTED = /^ENC\[AES256_GCM,data:[A-Za-z0-9+/]*={0,2},iv:[A-Za-z0-9+/]+={0,2},tag:[A-Za-z0-9+/]+={0,2},type:(?:str|int|float|bool|bytes|comment)\]$/;

/** True when the value is SOPS ciphertext. */
export function isEncryptedValue(value: string): boolean {
  return ENCRYPTED.test(value);
}

/**
 * Whether SOPS would encrypt the value at `path` (the mapping keys from the document root), replaying its `Encrypt`
 * walk: `unencrypted_suffix` and `unencrypted_regex` exempt a key and everything under it; `encrypted_suffix` and
 * `encrypted_regex` encrypt only what they match. With none set, SOPS's default `_unencrypted` suffix applies. A
 * regex JavaScript cannot compile counts as demanding encryption: unsure means checked.
 */
export function sopsEncrypts(metadata: SopsMetadata, path: readonly string[]): boolean {
  const none = !metadata.encryptedRegex && !metadata.unencryptedRegex && !metadata.encryptedSuffix && !metadata.unencryptedSuffix;
  const unencryptedSuffix = none ? "_unencrypted" : metadata.unencryptedSuffix;
  let encrypted = true;
  if (unencryptedSuffix && path.some((key) => key.endsWith(unencryptedSuffix))) encrypted = false;
  if (metadata.encryptedSuffix) encrypted = path.some((key) => key.endsWith(metadata.encryptedSuffix!));
  if (metadata.unencryptedRegex) {
    const regex = compile(metadata.unencryptedRegex);
    if (regex && path.some((key) => regex.test(key))) encrypted = false;
  }
  if (metadata.encryptedRegex) {
    const regex = compile(metadata.encryptedRegex);
    encrypted = regex === null || path.some((key) => regex.test(key));
  }
  return encrypted;
}

/** A Go (RE2) regex as a JavaScript one: RE2's leading `(?i)`-style flags become JS flags; unanchored like Go's Match. */
function compile(source: string): RegExp | null {
  const flags = /^\(\?([imsU]+)\)/.exec(source);
  const body = flags ? source.slice(flags[0].length) : source;
  const js = flags ? [...new Set(flags[1]!.replace(/U/g, ""))].join("") : "";
  try {
    return new RegExp(body, js);
  } catch {
    return null;
  }
}
