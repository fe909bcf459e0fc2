import { parseSshPublicKey, type SshPublicKey } from "./ssh-public-key.js";
import { strictBase64 } from "./strict-base64.js";

/** One parsed authorized_keys line. */
export interface AuthorizedKey {
  key: SshPublicKey;
  /** The trailing comment (often an e-mail address), empty when there is none. */
  comment: string;
}

/**
 * Parses one authorized_keys line (not a comment, not blank) the way Flux's golang.org/x/crypto/ssh does: first as
 * `type base64 [comment]`; failing that, as `options type base64 [comment]`, where options may hold quoted strings with
 * spaces. As in x/crypto, the key type is taken from the blob, not from the text. Throws when neither form parses.
 */
export function parseAuthorizedKey(line: string): AuthorizedKey {
  const trimmed = line.trim();
  let firstError: unknown;
  try {
    return parseKeyFields(afterFirstField(trimmed));
  } catch (error) {
    firstError = error;
  }
  const afterOptions = skipOptions(trimmed);
  if (afterOptions !== null) {
    try {
      return parseKeyFields(afterFirstField(afterOptions));
    } catch {
      // report the plain form's error: it is the one that names what is wrong with an ordinary line
    }
  }
  throw firstError instanceof Error ? firstError : new Error(String(firstError));
}

/** `base64 [comment]` → the key and comment. */
function parseKeyFields(rest: string): AuthorizedKey {
  const match = /^(\S+)(?:[ \t]+(.*))?$/.exec(rest.trim());
  if (!match?.[1]) throw new Error("no key data after the key type");
  const blob = strictBase64(match[1]);
  if (!blob || blob.length === 0) throw new Error("key data is not valid base64");
  return { key: parseSshPublicKey(blob), comment: (match[2] ?? "").trim() };
}

function afterFirstField(text: string): string {
  const at = text.search(/[ \t]/);
  if (at === -1) throw new Error("expected a key type followed by base64 key data");
  return text.slice(at);
}

/** The text after a leading options field (commas and quoted strings included), or null when a quote never closes. */
function skipOptions(text: string): string | null {
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && text[i - 1] !== "\\") inQuote = !inQuote;
    else if (!inQuote && (c === " " || c === "\t")) return text.slice(i).trimStart();
  }
  return null;
}
