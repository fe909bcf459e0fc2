import { readKeys, type PublicKey } from "openpgp";
import { firstArmorBlock } from "./first-armor-block.js";
import type { KeyHandle } from "./key-handle.js";
import type { AllowedKey, KeyEntry, KeyProblem } from "./keyring.js";
import { OPENPGP_CONFIG } from "./openpgp-config.js";
import type { EntryKeys } from "./read-ssh-entry.js";

const KEY_BLOCKS = new Set(["PGP PUBLIC KEY BLOCK", "PGP PRIVATE KEY BLOCK"]);

/**
 * Reads a non-`.sshpub` entry as Flux does (go-crypto `ReadArmoredKeyRing`): the first armor block only, which must be
 * a public (or private) key block; every key in that block counts. Binary keys fail the entry.
 */
export async function readOpenPgpEntry(entry: KeyEntry): Promise<EntryKeys> {
  const fail = (message: string): EntryKeys => ({ keys: [], problems: [{ source: entry.source, message }] });
  const text = Buffer.from(entry.bytes).toString("utf8");
  const block = firstArmorBlock(text);
  if (!block) {
    const looksBinary = entry.bytes.includes(0) || text.includes("\uFFFD");
    return fail(
      looksBinary
        ? "is a binary OpenPGP key; Flux reads only ASCII-armored keys: export it with `gpg --export --armor <fingerprint>`"
        : "is not an ASCII-armored OpenPGP key (no complete -----BEGIN PGP PUBLIC KEY BLOCK----- … -----END … block); name SSH keys *.sshpub",
    );
  }
  if (!KEY_BLOCKS.has(block.type)) return fail(`first armor block is a "${block.type}", not a PGP PUBLIC KEY BLOCK`);

  let parsed: Awaited<ReturnType<typeof readKeys>>;
  try {
    parsed = await readKeys({ armoredKeys: block.text, config: OPENPGP_CONFIG });
  } catch (error) {
    return fail(`unable to read armored key ring: ${error instanceof Error ? error.message : String(error)}`);
  }

  const problems: KeyProblem[] = [];
  if (block.furtherBlocks > 0) {
    problems.push({
      source: entry.source,
      message: `holds ${block.furtherBlocks} more armor block(s) after the first; Flux reads only the first block of an entry, so those keys are ignored: put each key in its own entry`,
    });
  }
  if (parsed.some((key) => key.isPrivate())) {
    problems.push({
      source: entry.source,
      message: "holds a PRIVATE key, now published in the repository: revoke it and commit only the public key (only its public part is used)",
    });
  }
  const keys = parsed.map((key) => allowedKey(key.isPrivate() ? key.toPublic() : (key as PublicKey), entry.source));
  return { keys, problems };
}

function allowedKey(key: PublicKey, source: string): AllowedKey {
  const handle: KeyHandle = { kind: "openpgp", key };
  return {
    type: "openpgp",
    fingerprint: key.getFingerprint().toUpperCase(),
    userIds: key.getUserIDs(),
    source,
    keyIds: key.getKeyIDs().map((id) => id.toHex().toUpperCase()),
    handle,
  };
}
