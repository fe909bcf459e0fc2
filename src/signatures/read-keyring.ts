import { MAX_KEY_BYTES } from "./key-limits.js";
import type { KeyEntry, Keyring } from "./keyring.js";
import { readOpenPgpEntry } from "./read-openpgp-entry.js";
import { readSshEntry, type EntryKeys } from "./read-ssh-entry.js";

/**
 * Parses the allowed-signing-keys set once, as Flux reads a verification Secret: each entry on its own (`*.sshpub` =
 * authorized_keys lines, any other name = armored OpenPGP keyring), a bad entry skipped and recorded in `problems`,
 * never poisoning the others. Never throws. Reuse the result for every commit: keys are parsed here and only here.
 *
 * @example
 * const keyring = await readKeyring([{ name: "alice.asc", source: "keys.yaml#alice.asc", bytes }]);
 * const verdict = await verifySignature(payload, signature, keyring, new Date());
 */
export async function readKeyring(entries: KeyEntry[]): Promise<Keyring> {
  const results = await Promise.all(entries.map(readEntry));
  return {
    keys: results.flatMap((r) => r.keys),
    problems: results.flatMap((r) => r.problems),
  };
}

async function readEntry(entry: KeyEntry): Promise<EntryKeys> {
  if (entry.bytes.length > MAX_KEY_BYTES) {
    return {
      keys: [],
      problems: [{ source: entry.source, message: `is ${entry.bytes.length} bytes, more than a Kubernetes Secret can hold (1 MiB); ignored` }],
    };
  }
  if (entry.bytes.length === 0) return { keys: [], problems: [{ source: entry.source, message: "is empty" }] };
  try {
    return entry.name.endsWith(".sshpub") ? readSshEntry(entry) : await readOpenPgpEntry(entry);
  } catch (error) {
    // Parsers report what they recognise; anything else still must not take the other entries down.
    return { keys: [], problems: [{ source: entry.source, message: `could not be read: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}
