/**
 * What counts as public key material: armored OpenPGP public key blocks, PEM public keys and certificates, and SSH
 * public keys as `authorized_keys` (Flux's `*.sshpub` entries) or `known_hosts` lines. Private keys, tokens and
 * passwords never match, and neither does a public key with anything else next to it.
 */
const BLOCKS = [
  /-----BEGIN PGP PUBLIC KEY BLOCK-----[\s\S]*?-----END PGP PUBLIC KEY BLOCK-----/g,
  /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g,
  /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g,
];

const KEY_TYPE = String.raw`(?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-nistp(?:256|384|521)|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)(?:-cert-v01@openssh\.com)?`;
/** `[marker] [options-or-hosts] type base64 [comment]`: authorized_keys and known_hosts lines alike. */
const SSH_LINE = new RegExp(String.raw`^(?:@[\w-]+\s+)?(?:\S+\s+)?${KEY_TYPE}\s+AAAA[A-Za-z0-9+/]+={0,3}(?:\s.*)?$`);

/**
 * True when `text` is only public key material (and blank or `#` comment lines). This is what keeps Flux's own
 * verification Secret (the allowed signing keys a GitRepository's `spec.verify.secretRef` names) and CA bundles
 * from being reported as leaked secrets: publishing them is their purpose.
 */
export function isPublicKeyMaterial(text: string): boolean {
  let rest = text;
  for (const block of BLOCKS) rest = rest.replace(block, "\n");
  const lines = rest.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
  if (lines.length === 0) return rest !== text;
  return lines.every((line) => SSH_LINE.test(line));
}
