import type { KeyEntry, KeyProblem } from "./keyring.js";
import { asRecord } from "./parse-yaml-objects.js";
import { strictBase64 } from "./strict-base64.js";

/** Entries and problems read from one place (a Secret, a generator, a glob). */
export interface CollectedEntries {
  entries: KeyEntry[];
  problems: KeyProblem[];
}

/**
 * The entries of one Secret manifest, as the API server would store them: `data` values base64-decoded (strictly:
 * Kubernetes refuses what is not base64), `stringData` values taken as UTF-8 and winning over a `data` entry of the
 * same name. Each entry's source is `file#<entry>`, or `file#<secret>/<entry>` when `secret` is given (a file holding
 * several Secrets). SOPS-encrypted values are reported, not guessed at.
 *
 * @param file the path the Secret was read from, e.g. `clusters/prod/flux-system/keys.yaml`
 */
export function secretEntries(secret: Record<string, unknown>, file: string, secretName?: string): CollectedEntries {
  const entries = new Map<string, KeyEntry>();
  const problems: KeyProblem[] = [];
  const where = secretName ? `${file}#${secretName}` : file;
  const sourceOf = (name: string) => (secretName ? `${where}/${name}` : `${file}#${name}`);

  for (const field of ["data", "stringData"] as const) {
    const raw = secret[field];
    if (raw === undefined || raw === null) continue;
    const map = asRecord(raw);
    if (!map) {
      problems.push({ source: where, message: `Secret ${field} is not a mapping of names to values` });
      continue;
    }
    for (const [name, value] of Object.entries(map)) {
      const source = sourceOf(name);
      if (typeof value !== "string") {
        problems.push({ source, message: `${field} value is not a string` });
        continue;
      }
      if (value.startsWith("ENC[")) {
        problems.push({ source, message: "is SOPS-encrypted; flux-warden cannot decrypt it: keep public keys unencrypted, or list them with {file: <glob>}" });
        continue;
      }
      const bytes = field === "data" ? strictBase64(value) : new Uint8Array(Buffer.from(value, "utf8"));
      if (!bytes) {
        problems.push({ source, message: "data value is not valid base64 (use stringData for plain text)" });
        continue;
      }
      entries.set(name, { name, source, bytes });
    }
  }
  if (entries.size === 0 && problems.length === 0) problems.push({ source: where, message: "Secret has no data or stringData entries" });
  return { entries: [...entries.values()], problems };
}
