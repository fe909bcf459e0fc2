import type { AllowedKey, Keyring } from "./keyring.js";
import { sshKeyOf } from "./key-handle.js";

/** Lookups that pick the candidate key for a signature without trying every key. */
export interface KeyIndex {
  /** Upper-case 16-hex key id (primary or subkey) → the OpenPGP keys holding it, in keyring order. */
  byKeyId: Map<string, AllowedKey[]>;
  /** SSH public key blob (hex) → the allowed keys with that exact blob. */
  bySshBlob: Map<string, AllowedKey[]>;
  openPgpCount: number;
  sshCount: number;
}

interface Cached {
  keys: AllowedKey[];
  length: number;
  index: KeyIndex;
}

const cache = new WeakMap<Keyring, Cached>();

/** The index for a keyring, built on first use and reused for every later commit (rebuilt if `keys` was replaced). */
export function keyIndex(keyring: Keyring): KeyIndex {
  const hit = cache.get(keyring);
  if (hit && hit.keys === keyring.keys && hit.length === keyring.keys.length) return hit.index;
  const index: KeyIndex = { byKeyId: new Map(), bySshBlob: new Map(), openPgpCount: 0, sshCount: 0 };
  for (const key of keyring.keys) {
    if (key.type === "openpgp") {
      index.openPgpCount++;
      for (const id of new Set(key.keyIds)) push(index.byKeyId, id, key);
    } else {
      const ssh = sshKeyOf(key);
      if (!ssh) continue;
      index.sshCount++;
      push(index.bySshBlob, Buffer.from(ssh.blob).toString("hex"), key);
    }
  }
  cache.set(keyring, { keys: keyring.keys, length: keyring.keys.length, index });
  return index;
}

function push(map: Map<string, AllowedKey[]>, id: string, key: AllowedKey): void {
  const list = map.get(id);
  if (list) list.push(key);
  else map.set(id, [key]);
}
