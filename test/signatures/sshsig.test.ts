import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAuthorizedKey } from "../../src/signatures/parse-authorized-key.js";
import { parseSshSig, sshsigSignedData } from "../../src/signatures/parse-sshsig.js";
import { readKeyring } from "../../src/signatures/read-keyring.js";
import { splitSignedCommit } from "../../src/signatures/signed-object.js";
import { SshReader, sshString } from "../../src/signatures/ssh-wire.js";
import { verifySignature } from "../../src/signatures/verify-signature.js";
import { verifySshSignatureBlob } from "../../src/signatures/verify-ssh-signature-blob.js";
import { SK_VECTORS, SSH_DIR, fluxVector } from "./support/fixtures.js";

const NOW = new Date("2026-07-01T00:00:00Z");
const sk = (path: string) => readFileSync(SK_VECTORS + path);

/** The armored signature's SSHSIG blob. */
function unarmor(armored: string): Buffer {
  return Buffer.from(armored.trim().split("\n").slice(1, -1).join(""), "base64");
}
function armor(blob: Uint8Array): string {
  const b64 = Buffer.from(blob).toString("base64").replace(/.{70}/g, "$&\n");
  return `-----BEGIN SSH SIGNATURE-----\n${b64}\n-----END SSH SIGNATURE-----\n`;
}
/** Rebuilds an SSHSIG blob from its fields, some replaced: for signatures no honest tool makes. */
function rebuild(armored: string, change: Partial<{ version: number; hash: string; signature: Uint8Array }>): string {
  const r = new SshReader(unarmor(armored));
  r.raw(6);
  const version = r.uint32();
  const [publicKey, namespace, reserved, hash, signature] = [r.string(), r.string(), r.string(), r.text(), r.string()];
  const v = Buffer.alloc(4);
  v.writeUInt32BE(change.version ?? version);
  return armor(Buffer.concat([Buffer.from("SSHSIG"), v, sshString(publicKey), sshString(namespace), sshString(reserved), sshString(change.hash ?? hash), sshString(change.signature ?? signature)]));
}

describe("security-key (sk-) signatures made by real OpenSSH", () => {
  const payload = sk("github-ssh-data-ed25519-sk/payload.txt");
  const signature = sk("github-ssh-data-ed25519-sk/signature.txt").toString("utf8");
  const embeddedKeyLine = () => `sk-ssh-ed25519@openssh.com ${Buffer.from(parseSshSig(signature).publicKey).toString("base64")} yubikey`;

  it("an Ed25519-SK git commit signature verifies, with ssh-keygen's fingerprint", async () => {
    const keyring = await readKeyring([{ name: "k.sshpub", source: "k.sshpub", bytes: Buffer.from(embeddedKeyLine()) }]);
    const verdict = await verifySignature(payload, signature, keyring, NOW);
    expect(verdict).toMatchObject({ reason: "verified", signer: { fingerprint: "SHA256:VnD8ea8K5df4Loh8EYsNfoLnTKltCJVMBuP9uteClRA" } });
    const tampered = Buffer.concat([payload, Buffer.from("x")]);
    expect((await verifySignature(tampered, signature, keyring, NOW)).reason).toBe("bad-signature");
  });

  it("a security-key signature without the user-presence flag is refused", async () => {
    const blob = unarmor(signature);
    blob[blob.length - 5] = 0x00; // flags byte: the inner blob ends with byte flags, uint32 counter
    const keyring = await readKeyring([{ name: "k.sshpub", source: "k.sshpub", bytes: Buffer.from(embeddedKeyLine()) }]);
    const verdict = await verifySignature(payload, armor(blob), keyring, NOW);
    expect(verdict).toMatchObject({ reason: "bad-signature", detail: expect.stringContaining("user presence") });
  });

  for (const type of ["ed25519_sk", "ecdsa_sk"]) {
    it(`OpenSSH's ${type} regress vector verifies over its data, and not over other data`, () => {
      const key = parseAuthorizedKey(sk(`openssh-regress/${type}.pub`).toString("utf8")).key;
      const sig = parseSshSig(sk(`openssh-regress/${type}.sig`).toString("utf8"));
      expect(sig.namespace).toBe(sk("openssh-regress/namespace").toString("utf8"));
      expect(verifySshSignatureBlob(key, sig.signature, sshsigSignedData(sig, sk("openssh-regress/signed-data")))).toEqual({ ok: true });
      expect(verifySshSignatureBlob(key, sig.signature, sshsigSignedData(sig, Buffer.from("another message")))).toMatchObject({ ok: false, reason: "bad-signature" });
    });
  }

  it("as a commit signature, the regress vector fails: its namespace is not git", async () => {
    const keyring = await readKeyring([{ name: "k.sshpub", source: "k.sshpub", bytes: sk("openssh-regress/ecdsa_sk.pub") }]);
    const verdict = await verifySignature(sk("openssh-regress/signed-data"), sk("openssh-regress/ecdsa_sk.sig").toString("utf8"), keyring, NOW);
    expect(verdict).toMatchObject({ reason: "bad-signature", detail: expect.stringContaining('namespace "unittest"') });
  });
});

describe("malformed and unsupported SSH signatures (from Flux's ed25519 vector)", () => {
  const { payload, signature } = splitSignedCommit(fluxVector(`${SSH_DIR}commit_ed25519_signed.txt`));
  const sig = signature!;
  const keyring = () => readKeyring([{ name: "k.sshpub", source: "k.sshpub", bytes: fluxVector(`${SSH_DIR}key_ed25519.pub`) }]);
  const verify = async (armored: string) => verifySignature(payload, armored, await keyring(), NOW);

  it("the untouched vector verifies (the control for every case below)", async () => {
    expect((await verify(sig)).reason).toBe("verified");
    expect((await verify(rebuild(sig, {}))).reason).toBe("verified");
  });

  it("a body that is not exact base64 is malformed, not leniently decoded", async () => {
    const lines = sig.trim().split("\n");
    const junk = [lines[0], `${lines[1]}!`, ...lines.slice(2)].join("\n");
    expect(await verify(junk)).toMatchObject({ reason: "bad-signature", detail: expect.stringContaining("not valid base64") });
  });

  it("a missing END line, and a truncated blob, are malformed", async () => {
    expect(await verify(sig.replace("-----END SSH SIGNATURE-----", ""))).toMatchObject({ reason: "bad-signature", detail: expect.stringContaining("END") });
    const truncated = armor(unarmor(sig).subarray(0, 60));
    expect(await verify(truncated)).toMatchObject({ reason: "bad-signature", detail: expect.stringContaining("malformed") });
  });

  it("text after the END line is ignored, as Go's pem.Decode ignores it", async () => {
    expect((await verify(`${sig}\ntrailing words\n`)).reason).toBe("verified");
  });

  it("an unknown sshsig version or hash algorithm is an unsupported format", async () => {
    expect(await verify(rebuild(sig, { version: 2 }))).toMatchObject({ reason: "unsupported-format", detail: expect.stringContaining("version 2") });
    expect(await verify(rebuild(sig, { hash: "sha384" }))).toMatchObject({ reason: "unsupported-format", detail: expect.stringContaining("sha384") });
  });

  it("an inner signature naming another algorithm than the key's is a bad signature", async () => {
    const inner = new SshReader(parseSshSig(sig).signature);
    inner.text();
    const bytes = inner.string();
    const relabelled = Buffer.concat([sshString("ecdsa-sha2-nistp256"), sshString(bytes)]);
    expect(await verify(rebuild(sig, { signature: relabelled }))).toMatchObject({ reason: "bad-signature", detail: expect.stringContaining("cannot come from a ssh-ed25519 key") });
  });

  it("an ssh-rsa (SHA-1) inner signature is an unsupported format", async () => {
    const rsa = splitSignedCommit(fluxVector(`${SSH_DIR}commit_rsa_signed.txt`));
    const inner = new SshReader(parseSshSig(rsa.signature!).signature);
    expect(inner.text()).toBe("rsa-sha2-512");
    const sha1 = Buffer.concat([sshString("ssh-rsa"), sshString(inner.string())]);
    const rsaKeys = await readKeyring([{ name: "r.sshpub", source: "r", bytes: fluxVector(`${SSH_DIR}key_rsa.pub`) }]);
    const verdict = await verifySignature(rsa.payload, rebuild(rsa.signature!, { signature: sha1 }), rsaKeys, NOW);
    expect(verdict).toMatchObject({ reason: "unsupported-format", detail: expect.stringContaining("SHA-1") });
  });
});
