import { isRecord } from "../../manifests/read-value.js";
import type { ManifestObject, NodePath } from "../../manifests/types.js";

/** One value of a Secret's `data` or `stringData`. */
export interface SecretEntry {
  field: "data" | "stringData";
  key: string;
  at: NodePath;
  /** The value as written: base64 for `data`, SOPS ciphertext (`ENC[…]`) when encrypted. */
  raw: string;
  /** The content: `stringData` as written, `data` decoded; null when `data` is not valid base64. */
  content: string | null;
}

/** True for a core `v1` Secret (not a SealedSecret, ExternalSecret or other look-alike). */
export function isSecret(object: ManifestObject): boolean {
  return object.group === "" && object.kind === "Secret";
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The non-empty values of a Secret's `data` and `stringData`. An empty value (`""`, `null`) holds nothing to leak,
 * so a Secret whose entries are all empty has no entries. Non-string scalars (`port: 5432` in `stringData`) are read
 * as their text: the API server refuses them, but the value is in the repository all the same.
 */
export function secretEntries(object: ManifestObject): SecretEntry[] {
  if (!isSecret(object)) return [];
  const entries: SecretEntry[] = [];
  for (const field of ["data", "stringData"] as const) {
    const map = object.value[field];
    if (!isRecord(map)) continue;
    for (const [key, value] of Object.entries(map)) {
      if (value === null || value === undefined || typeof value === "object") continue;
      const raw = String(value);
      if (raw === "") continue;
      entries.push({ field, key, at: [field, key], raw, content: field === "stringData" ? raw : decodeBase64(raw) });
    }
  }
  return entries;
}

function decodeBase64(text: string): string | null {
  return BASE64.test(text) ? Buffer.from(text, "base64").toString("utf8") : null;
}
