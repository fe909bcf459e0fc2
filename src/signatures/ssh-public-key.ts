import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { SshReader } from "./ssh-wire.js";

/** One SSH public key, decoded from its wire blob. */
export interface SshPublicKey {
  /** The key type the blob names, e.g. `ssh-ed25519`, `ecdsa-sha2-nistp256`, `sk-ssh-ed25519@openssh.com`. */
  type: string;
  /** The wire blob: what a signature must carry, byte for byte, to be by this key. */
  blob: Uint8Array;
  /** `SHA256:<base64, no padding>`, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** The key for node:crypto, or null for a type that parses but that we do not verify (`ssh-dss`). */
  key: KeyObject | null;
  /** The FIDO application string of a security-key (`sk-`) key, else null. */
  application: string | null;
}

const EC_CURVES: Record<string, { jwk: string; size: number }> = {
  nistp256: { jwk: "P-256", size: 32 },
  nistp384: { jwk: "P-384", size: 48 },
  nistp521: { jwk: "P-521", size: 66 },
};

/** OpenSSH refuses RSA keys below this size; so do we. */
const MIN_RSA_BITS = 1024;

/** `SHA256:…` fingerprint of a public key blob, exactly as `ssh-keygen -lf` and Flux print it. */
export function sshFingerprint(blob: Uint8Array): string {
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

/**
 * Decodes a public key blob. Throws with a message naming the problem for malformed blobs and unsupported types
 * (certificates, unknown algorithms): the caller reports it against the entry.
 */
export function parseSshPublicKey(blob: Uint8Array): SshPublicKey {
  const r = new SshReader(blob);
  const type = r.text();
  let key: KeyObject | null = null;
  let application: string | null = null;
  switch (type) {
    case "ssh-ed25519":
    case "sk-ssh-ed25519@openssh.com": {
      const pk = r.string();
      if (pk.length !== 32) throw new Error(`${type} public key is ${pk.length} bytes, not 32`);
      key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: b64url(pk) }, format: "jwk" });
      if (type.startsWith("sk-")) application = r.text();
      break;
    }
    case "ssh-rsa": {
      const e = r.mpint();
      const n = r.mpint();
      if (n.length * 8 < MIN_RSA_BITS) throw new Error(`ssh-rsa key is shorter than ${MIN_RSA_BITS} bits`);
      key = createPublicKey({ key: { kty: "RSA", n: b64url(n), e: b64url(e) }, format: "jwk" });
      break;
    }
    case "ecdsa-sha2-nistp256":
    case "ecdsa-sha2-nistp384":
    case "ecdsa-sha2-nistp521":
    case "sk-ecdsa-sha2-nistp256@openssh.com": {
      const curveName = r.text();
      const expected = type.startsWith("sk-") ? "nistp256" : type.slice("ecdsa-sha2-".length);
      if (curveName !== expected) throw new Error(`${type} key names curve ${curveName}`);
      key = ecdsaKey(curveName, r.string());
      if (type.startsWith("sk-")) application = r.text();
      break;
    }
    case "ssh-dss":
      // Parsed (Flux's x/crypto accepts it, so an entry holding one must not fail) but never verified: OpenSSH has
      // dropped DSA signing and node:crypto cannot import a DSA key from raw parameters.
      for (let i = 0; i < 4; i++) r.mpint();
      break;
    default:
      throw new Error(`unsupported SSH key type ${JSON.stringify(type)}`);
  }
  if (!r.done) throw new Error(`${type} key blob has trailing bytes`);
  return { type, blob, fingerprint: sshFingerprint(blob), key, application };
}

function ecdsaKey(curveName: string, point: Uint8Array): KeyObject {
  const curve = EC_CURVES[curveName];
  if (!curve) throw new Error(`unsupported ECDSA curve ${curveName}`);
  if (point.length !== 1 + 2 * curve.size || point[0] !== 0x04) throw new Error(`malformed ${curveName} public point`);
  const x = point.subarray(1, 1 + curve.size);
  const y = point.subarray(1 + curve.size);
  // node:crypto checks that the point is on the curve.
  return createPublicKey({ key: { kty: "EC", crv: curve.jwk, x: b64url(x), y: b64url(y) }, format: "jwk" });
}

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}
