import { describe, expect, it } from "vitest";
import { readKeyring } from "../../src/signatures/read-keyring.js";
import { verifySignature } from "../../src/signatures/verify-signature.js";
import type { Keyring } from "../../src/signatures/keyring.js";
import { DSA_DIR, SC_DIR, fluxVector, fluxVectorText } from "./support/fixtures.js";

const NOW = new Date("2026-07-01T00:00:00Z");

async function keyring(...entries: Array<[name: string, path: string]>): Promise<Keyring> {
  return readKeyring(entries.map(([name, path]) => ({ name, source: path, bytes: fluxVector(path) })));
}

// fluxcd/pkg gpg_signature_test.go: Stefan Prodan's real DSA/ElGamal key and commit (see EXPECTED.txt there).
describe("Flux's inline DSA vector", () => {
  const payload = fluxVector(`${DSA_DIR}payload_commit_without_gpgsig.txt`);
  const signature = fluxVectorText(`${DSA_DIR}signature.asc`);
  const valid = (): [string, string] => ["stefan.asc", `${DSA_DIR}pubkey_valid.asc`];

  it("verifies with key id 3299AEB0E4085BAF, reporting its primary fingerprint", async () => {
    const verdict = await verifySignature(payload, signature, await keyring(valid()), NOW);
    expect(verdict).toMatchObject({
      reason: "verified",
      signer: { type: "openpgp", fingerprint: "07804C54AF816B2DD2B3A4D63299AEB0E4085BAF", keyId: "3299AEB0E4085BAF", userIds: ["Stefan Prodan <stefan.prodan@gmail.com>"] },
    });
  });

  it("is untrusted with another key (ErrNoMatchingKey)", async () => {
    const verdict = await verifySignature(payload, signature, await keyring(["other.asc", `${DSA_DIR}pubkey_wrong_key_ed25519.asc`]), NOW);
    expect(verdict).toMatchObject({ reason: "untrusted-key", detail: expect.stringContaining("3299AEB0E4085BAF") });
  });

  it("fails when the payload is tampered ('X' + payload) or has no tree line", async () => {
    const keys = await keyring(valid());
    const tampered = Buffer.concat([Buffer.from("X"), payload]);
    expect((await verifySignature(tampered, signature, keys, NOW)).reason).toBe("bad-signature");
    const noTree = fluxVector(`${DSA_DIR}payload_malformed_no_tree.txt`);
    expect((await verifySignature(noTree, signature, keys, NOW)).reason).toBe("bad-signature");
  });

  it("a malformed key alone is a problem and leaves no key; next to the valid one, the commit verifies", async () => {
    const bad = await keyring(["broken.asc", `${DSA_DIR}pubkey_malformed.asc`]);
    expect(bad.keys).toEqual([]);
    expect(bad.problems).toEqual([{ source: `${DSA_DIR}pubkey_malformed.asc`, message: expect.stringContaining("unable to read armored key ring") }]);
    const none = await verifySignature(payload, signature, bad, NOW);
    expect(none).toMatchObject({ reason: "untrusted-key", detail: expect.stringContaining("no PGP public keys found") });

    const both = await keyring(["broken.asc", `${DSA_DIR}pubkey_malformed.asc`], valid());
    expect(both.keys.map((k) => k.fingerprint)).toEqual(["07804C54AF816B2DD2B3A4D63299AEB0E4085BAF"]);
    expect(both.problems).toHaveLength(1);
    expect((await verifySignature(payload, signature, both, NOW)).reason).toBe("verified");
  });

  it("keeps go-crypto's armor quirks: END line naming PGP MESSAGE, and garbage after END, still verify", async () => {
    const keys = await keyring(valid());
    const endMessage = signature.replace("-----END PGP SIGNATURE-----", "-----END PGP MESSAGE-----");
    expect(endMessage).not.toBe(signature);
    expect((await verifySignature(payload, endMessage, keys, NOW)).reason).toBe("verified");
    expect((await verifySignature(payload, `${signature}\ngarbage-data-after-end`, keys, NOW)).reason).toBe("verified");
  });

  it("PGP MESSAGE armor is an unknown (unsupported) format, as in Flux", async () => {
    const asMessage = signature.replace("-----BEGIN PGP SIGNATURE-----", "-----BEGIN PGP MESSAGE-----");
    const verdict = await verifySignature(payload, asMessage, await keyring(valid()), NOW);
    expect(verdict).toMatchObject({ reason: "unsupported-format", signer: null, detail: expect.stringContaining("unknown") });
  });
});

// fluxcd/source-controller gitrepository_controller_test.go: a real RSA-signed commit and tag, and SSH ones.
describe("source-controller fixtures", () => {
  const gpgKeys = () => keyring(["sanskar.asc", `${SC_DIR}armoredKeyRingFixture.txt`]);
  const sshKeys = () => keyring(["ci.sshpub", `${SC_DIR}sshAuthorizedKeysFixture.txt`]);
  const cases = [
    { what: "GPG commit", keys: gpgKeys, payload: "encodedCommitFixture", sig: "signatureCommitFixture", keyId: "5982D0279C227FFD" },
    { what: "GPG tag", keys: gpgKeys, payload: "encodedTagFixture", sig: "signatureTagFixture", keyId: "5982D0279C227FFD" },
    { what: "SSH commit", keys: sshKeys, payload: "encodedSSHCommitFixture", sig: "signatureSSHCommitFixture", keyId: "SHA256:SDB4adE/BP2VLwX9Pdf7aFUwW9JNdzoPSsHjd/wZIw4" },
    { what: "SSH tag", keys: sshKeys, payload: "encodedSSHTagFixture", sig: "signatureSSHTagFixture", keyId: "SHA256:SDB4adE/BP2VLwX9Pdf7aFUwW9JNdzoPSsHjd/wZIw4" },
  ];
  for (const c of cases) {
    it(`${c.what} verifies`, async () => {
      const verdict = await verifySignature(fluxVector(`${SC_DIR}${c.payload}.txt`), fluxVectorText(`${SC_DIR}${c.sig}.txt`), await c.keys(), NOW);
      expect(verdict).toMatchObject({ reason: "verified", signer: { keyId: c.keyId } });
    });
  }

  it("the malformed commit and tag payloads fail against the real signatures", async () => {
    const keys = await gpgKeys();
    for (const [payload, sig] of [["malformedEncodedCommitFixture", "signatureCommitFixture"], ["malformedEncodedTagFixture", "signatureTagFixture"]]) {
      const verdict = await verifySignature(fluxVector(`${SC_DIR}${payload}.txt`), fluxVectorText(`${SC_DIR}${sig}.txt`), keys, NOW);
      expect(verdict.reason, payload).toBe("bad-signature");
    }
  });
});
