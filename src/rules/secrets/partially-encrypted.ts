import type { Hit, ObjectRule } from "../types.js";
import { isPublicKeyMaterial } from "./is-public-key-material.js";
import { SOPS_BLOCK, secretExample } from "./secret-examples.js";
import { secretEntries } from "./secret-entries.js";
import { isEncryptedValue, sopsEncrypts, sopsMetadata } from "./sops-metadata.js";

/** A SOPS-encrypted Secret with a value that should be ciphertext and is not. */
export const partiallyEncrypted: ObjectRule = {
  id: "secrets/partially-encrypted",
  severity: "high",
  title: "SOPS-encrypted Secret with plaintext values",
  description:
    "A `v1` Secret has SOPS metadata (`sops.mac`) but a `data` or `stringData` value is not SOPS ciphertext (`ENC[AES256_GCM,…]`) although the file's own SOPS rules say it is encrypted: `encrypted_regex`, `unencrypted_regex`, `encrypted_suffix` and `unencrypted_suffix` are applied to the key path as SOPS applies them (default: everything except keys ending in `_unencrypted`). Values those rules exempt are the author's stated choice and are not reported, nor is public key material.",
  why: "The file looks encrypted, so reviewers skim it — but a value added or edited by hand after `sops -e` sits in Git in plaintext for everyone who can clone the repository, and stays in its history. The stale `sops.mac` also makes Flux's decryption fail, so the leak usually comes with a broken deployment.",
  fix: "Rotate the leaked value, then edit the file with `sops <file>` (which re-encrypts and updates the mac) instead of editing the ciphertext file by hand.",
  examples: {
    bad: secretExample(`stringData:\n  username: ENC[AES256_GCM,data:YXBp,iv:q1W2e3R4t5Y6u7I8o9P0aA==,tag:Zx9Yw8Vu7Ts6Rq5Po4Nm3g==,type:str]\n  password: hunter2\n${SOPS_BLOCK}`),
    good: secretExample(`stringData:\n  username: ENC[AES256_GCM,data:YXBp,iv:q1W2e3R4t5Y6u7I8o9P0aA==,tag:Zx9Yw8Vu7Ts6Rq5Po4Nm3g==,type:str]\n  password: ENC[AES256_GCM,data:Tr8zGx0+9A==,iv:Aq1W2e3R4t5Y6u7I8o9P0a==,tag:Yx9Yw8Vu7Ts6Rq5Po4Nm3g==,type:str]\n${SOPS_BLOCK}`),
  },
  scope: "object",
  check(object) {
    const sops = sopsMetadata(object);
    if (!sops?.mac) return [];
    const hits: Hit[] = [];
    for (const entry of secretEntries(object)) {
      if (isEncryptedValue(entry.raw) || !sopsEncrypts(sops, [entry.field, entry.key])) continue;
      if (entry.content !== null && isPublicKeyMaterial(entry.content)) continue;
      hits.push({
        message: `${entry.field}.${entry.key} is plaintext in a SOPS-encrypted file whose rules say it is encrypted: it was added or edited after encryption.`,
        at: entry.at,
        key: `entry:${entry.key}`,
      });
    }
    return hits;
  },
};
