import type { Hit, ObjectRule } from "../types.js";
import { isPublicKeyMaterial } from "./is-public-key-material.js";
import { SOPS_BLOCK, secretExample } from "./secret-examples.js";
import { secretEntries } from "./secret-entries.js";
import { isEncryptedValue, sopsMetadata } from "./sops-metadata.js";

/** A whole `${VAR}` reference: Flux's postBuild substitution fills it in the cluster, the value is not in Git. */
const SUBSTITUTION = /^(?:\$\{[A-Za-z_][A-Za-z0-9_]*\})+$/;

/** A Secret committed with readable values: no SOPS encryption at all. */
export const plaintextSecret: ObjectRule = {
  id: "secrets/plaintext-secret",
  severity: "high",
  title: "Secret committed in plaintext",
  description:
    "A `v1` Secret has non-empty `data` or `stringData` values and no SOPS metadata (a top-level `sops:` block with `sops.mac`). Not reported: values that are only public key material (armored OpenPGP public keys, `*.sshpub` / authorized_keys and known_hosts lines, PEM public keys and certificates — Flux's own allowed-signing-keys Secret is exactly that), values that are already SOPS ciphertext, and `stringData` values that are only a `${VAR}` for Flux's postBuild substitution. Only key names are reported, never values.",
  why: "Everyone who can clone the repository — every fork, CI runner, backup and laptop — now has the credential, and it stays in Git history after the file is fixed (Adversary 2 without needing the cluster at all). Flux applies it as is, so nothing in the pipeline stops it.",
  fix: "Remove the file from the change, rotate the credential, and commit it encrypted with `sops -e --encrypted-regex '^(data|stringData)$'` for Flux to decrypt (`spec.decryption`), or use a SealedSecret or an ExternalSecret.",
  examples: {
    bad: secretExample("stringData:\n  password: hunter2\n"),
    good: secretExample(`stringData:\n  password: ENC[AES256_GCM,data:Tr8zGx0+9A==,iv:q1W2e3R4t5Y6u7I8o9P0aA==,tag:Zx9Yw8Vu7Ts6Rq5Po4Nm3g==,type:str]\n${SOPS_BLOCK}`),
  },
  scope: "object",
  check(object) {
    const sops = sopsMetadata(object);
    // With a mac the file is SOPS-encrypted: which of its values must be ciphertext is partially-encrypted's question.
    if (sops?.mac) return [];
    const why = sops ? "its sops block has no mac, so SOPS does not treat the file as encrypted" : "the file has no SOPS metadata";
    const hits: Hit[] = [];
    for (const entry of secretEntries(object)) {
      if (isEncryptedValue(entry.raw)) continue;
      if (entry.content !== null && isPublicKeyMaterial(entry.content)) continue;
      if (entry.field === "stringData" && SUBSTITUTION.test(entry.raw)) continue;
      hits.push({ message: `${entry.field}.${entry.key} is in plaintext (${why}).`, at: entry.at, key: `entry:${entry.key}` });
    }
    return hits;
  },
};
