import type { ChangeRule } from "../types.js";
import { isPublicKeyMaterial } from "./is-public-key-material.js";
import { SOPS_BLOCK, secretExample } from "./secret-examples.js";
import { isSecret, secretEntries } from "./secret-entries.js";
import { isEncryptedValue, sopsMetadata } from "./sops-metadata.js";

const ENCRYPTED = `stringData:\n  password: ENC[AES256_GCM,data:Tr8zGx0+9A==,iv:q1W2e3R4t5Y6u7I8o9P0aA==,tag:Zx9Yw8Vu7Ts6Rq5Po4Nm3g==,type:str]\n${SOPS_BLOCK}`;

/** A Secret that was SOPS-encrypted at base and is committed decrypted at head. */
export const sopsMetadataRemoved: ChangeRule = {
  id: "secrets/sops-metadata-removed",
  severity: "critical",
  title: "SOPS-encrypted Secret committed decrypted",
  description:
    "A `v1` Secret had a SOPS `sops:` block at base, and at head the block (or its `sops.mac`) is gone while `data` or `stringData` holds values that are not SOPS ciphertext. The Secret is matched by identity, so moving it to another file does not hide the change.",
  why: "This is what `sops -d` followed by a commit looks like: a credential the team deliberately encrypted is now readable by everyone who can clone the repository, and stays in Git history after the commit is reverted. It is usually an accident (a decrypted working copy committed), sometimes a way to make Flux apply a value without the decryption key.",
  fix: "Do not merge: rotate every value in the Secret (its history must be treated as leaked once pushed), and commit it re-encrypted with `sops -e` so the `sops:` block is back.",
  examples: {
    base: secretExample(ENCRYPTED),
    bad: secretExample("stringData:\n  password: hunter2\n"),
    good: secretExample(ENCRYPTED.replace("Tr8zGx0+9A==", "Uq9aHy1+8B==")),
  },
  scope: "change",
  check({ base, head }) {
    if (!base || !head || !isSecret(base) || !isSecret(head) || sopsMetadata(base) === null || sopsMetadata(head)?.mac) return [];
    const plain = secretEntries(head).find((entry) => !isEncryptedValue(entry.raw) && !(entry.content !== null && isPublicKeyMaterial(entry.content)));
    if (!plain) return [];
    return [{
      message: `the SOPS metadata it had at base (sops.mac) is gone and ${plain.field}.${plain.key} is plaintext: the Secret was committed decrypted.`,
      at: plain.at,
      key: "sops-removed",
    }];
  },
};
