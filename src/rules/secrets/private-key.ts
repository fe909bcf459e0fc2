import type { FileHit, TextRule } from "../types.js";

/** What private key material looks like in text, by format; each needle is searched in the bytes before decoding. */
const FORMATS: Array<{ needle: string; pattern: RegExp; what: string; armored: boolean }> = [
  { needle: "PRIVATE KEY", pattern: /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY)-----/g, what: "a private key", armored: true },
  { needle: "PRIVATE KEY BLOCK", pattern: /-----BEGIN (PGP PRIVATE KEY BLOCK)-----/g, what: "an OpenPGP secret key", armored: true },
  { needle: "AGE-SECRET-KEY-", pattern: /\b(AGE-SECRET-KEY-1[0-9A-Z]{58})\b/g, what: "an age secret key (SOPS decrypts with it)", armored: false },
];

const example = (body: string) => `# clusters/prod/platform/sops/keys.txt\n${body}`;

/** Private key material committed in any changed file. */
export const privateKey: TextRule = {
  id: "secrets/private-key",
  severity: "critical",
  title: "Private key committed",
  description:
    "A changed file of any kind (a `.txt`, `.pem`, `.asc`, a manifest) holds private key material: a PEM private key (RSA, EC, DSA, PKCS#8, encrypted PKCS#8), an OpenSSH private key, an OpenPGP secret key block, or an age secret key. Each key is reported once, on its line; a key already in the file at base is not reported again.",
  why: "Everyone who can read the repository (every clone, fork, CI cache and backup) then holds the key: an age or PGP key decrypts every SOPS secret encrypted for it, an SSH deploy key or a signing key lets its holder push or sign as the platform. Deleting it later does not help: git keeps it in history.",
  fix: "Remove the file from the change, then treat the key as leaked: rotate it (re-encrypt SOPS files for a new recipient, replace the deploy or signing key). Commit only public keys (`.pub`, `age1…` recipients, `--export` not `--export-secret-keys`).",
  examples: {
    bad: example("# created by age-keygen\nAGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ\n"),
    good: example("# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n"),
  },
  scope: "text",
  check(bytes) {
    const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const formats = FORMATS.filter((format) => raw.includes(format.needle));
    if (formats.length === 0) return [];
    const lines = new TextDecoder().decode(bytes).split("\n");
    const hits: FileHit[] = [];
    lines.forEach((text, i) => {
      for (const format of formats) {
        for (const match of text.matchAll(format.pattern)) {
          // The key itself is the identity (an armored key by its first body line): the same key at base is not new.
          const identity = format.armored ? `${match[0]}\n${lines[i + 1] ?? ""}` : match[0];
          const shown = format.armored ? match[1] : "AGE-SECRET-KEY-1…";
          hits.push({ message: `line ${i + 1} holds ${format.what} (${shown}).`, line: i + 1, key: identity });
        }
      }
    });
    return hits;
  },
};
