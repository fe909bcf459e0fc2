import type { AllowedKey, KeyEntry, KeyProblem } from "./keyring.js";
import type { KeyHandle } from "./key-handle.js";
import { parseAuthorizedKey } from "./parse-authorized-key.js";

/** What one entry contributed: its keys, or the problem that made Flux skip it. */
export interface EntryKeys {
  keys: AllowedKey[];
  problems: KeyProblem[];
}

/**
 * Reads a `.sshpub` entry as Flux does: authorized_keys lines, `#` comments and blank lines skipped, options prefix
 * tolerated; one bad line fails the whole entry (Flux returns the error for the entry and uses none of its keys).
 */
export function readSshEntry(entry: KeyEntry): EntryKeys {
  const text = Buffer.from(entry.bytes).toString("utf8");
  const keys: AllowedKey[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    try {
      const { key, comment } = parseAuthorizedKey(line);
      const handle: KeyHandle = { kind: "ssh", key };
      keys.push({
        type: "ssh",
        fingerprint: key.fingerprint,
        userIds: comment ? [comment] : [],
        source: entry.source,
        keyIds: [],
        handle,
      });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return {
        keys: [],
        problems: [{ source: entry.source, message: `line ${i + 1} is not an SSH public key (${why}); the whole entry is ignored, as Flux ignores it` }],
      };
    }
  }
  if (keys.length === 0) {
    return { keys, problems: [{ source: entry.source, message: "holds no SSH public keys (only blank lines or comments)" }] };
  }
  return { keys, problems: [] };
}
