import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readKeyring } from "../../src/signatures/read-keyring.js";
import { splitSignedCommit, splitSignedTag } from "../../src/signatures/signed-object.js";
import { verifySignature } from "../../src/signatures/verify-signature.js";
import type { Keyring } from "../../src/signatures/keyring.js";
import { GpgHome } from "../support/gpg.js";
import { FLUX_VECTORS, GPG_DIR, SSH_DIR, fluxVector, fluxVectorText } from "./support/fixtures.js";

// Flux's own vectors (fluxcd/pkg git/signature/testdata): what Flux verifies, we verify — with the same identity.
const NOW = new Date("2026-07-01T00:00:00Z");
const GPG_ALGS = ["rsa_2048", "rsa_4096", "ecdsa_p256", "ecdsa_p384", "ecdsa_p521", "brainpool_p256", "brainpool_p384", "brainpool_p512", "ed25519"];
const SSH_ALGS = ["rsa", "ecdsa_p256", "ecdsa_p384", "ecdsa_p521", "ed25519"];

async function keyring(...entries: Array<[name: string, path: string]>): Promise<Keyring> {
  return readKeyring(entries.map(([name, path]) => ({ name, source: path, bytes: fluxVector(path) })));
}

function signed(kind: "commit" | "tag", path: string) {
  const raw = fluxVector(path);
  return kind === "commit" ? splitSignedCommit(raw) : splitSignedTag(raw);
}

it("the vectors are vendored in full", () => {
  expect(readdirSync(FLUX_VECTORS + GPG_DIR).filter((f) => f.startsWith("key_"))).toHaveLength(GPG_ALGS.length);
  expect(readdirSync(FLUX_VECTORS + SSH_DIR).filter((f) => /^key_.*\.pub$/.test(f))).toHaveLength(SSH_ALGS.length);
});

describe("OpenPGP vectors (gpg-made keys and signatures)", () => {
  // Expected primary fingerprints come from real gpg, not from the library under test.
  const fingerprints = new Map<string, string>();
  let gpg: GpgHome;
  beforeAll(() => {
    gpg = GpgHome.create();
    for (const alg of GPG_ALGS) {
      const rows = gpg.gpg(["--with-colons", "--show-keys", `${FLUX_VECTORS}${GPG_DIR}key_${alg}.pub`]).split("\n");
      fingerprints.set(alg, rows.find((r) => r.startsWith("fpr:"))!.split(":")[9]!);
    }
  });
  afterAll(() => gpg.dispose());

  for (const alg of GPG_ALGS) {
    for (const kind of ["commit", "tag"] as const) {
      it(`${kind} signed with ${alg} verifies with its own key, reporting the primary fingerprint`, async () => {
        const keys = await keyring([`${alg}.asc`, `${GPG_DIR}key_${alg}.pub`]);
        expect(keys.problems).toEqual([]);
        const { payload, signature } = signed(kind, `${GPG_DIR}${kind}_${alg}_signed.txt`);
        const verdict = await verifySignature(payload, signature, keys, NOW);
        const fingerprint = fingerprints.get(alg)!;
        expect(verdict).toMatchObject({ reason: "verified", signer: { type: "openpgp", fingerprint, keyId: fingerprint.slice(-16) } });
      });
    }
  }

  for (const signedBy of GPG_ALGS) {
    it(`a commit signed with ${signedBy} is untrusted by every other key, and says which key id signed`, async () => {
      const { payload, signature } = signed("commit", `${GPG_DIR}commit_${signedBy}_signed.txt`);
      for (const other of GPG_ALGS.filter((a) => a !== signedBy)) {
        const verdict = await verifySignature(payload, signature, await keyring([`${other}.asc`, `${GPG_DIR}key_${other}.pub`]), NOW);
        expect(verdict.reason, `${signedBy} with key ${other}`).toBe("untrusted-key");
        expect(verdict.signer).toBeNull();
        expect(verdict.detail).toContain(fingerprints.get(signedBy)!.slice(-16));
      }
    });
  }

  it("unsigned commit and tag are unsigned, even with every key allowed", async () => {
    const all = await keyring(...GPG_ALGS.map((a): [string, string] => [`${a}.asc`, `${GPG_DIR}key_${a}.pub`]));
    expect(all.keys).toHaveLength(GPG_ALGS.length);
    for (const kind of ["commit", "tag"] as const) {
      const { payload, signature } = signed(kind, `${GPG_DIR}${kind}_unsigned.txt`);
      expect(signature).toBeNull();
      expect(await verifySignature(payload, signature, all, NOW)).toMatchObject({ reason: "unsigned", signer: null });
    }
  });

  it("a tampered commit (one byte of the message changed) is a bad signature by the known key", async () => {
    const keys = await keyring(["ed25519.asc", `${GPG_DIR}key_ed25519.pub`]);
    const { payload, signature } = signed("commit", `${GPG_DIR}commit_ed25519_signed.txt`);
    const tampered = Buffer.from(Buffer.from(payload).toString("utf8").replace("Test commit", "Test comm1t"));
    const verdict = await verifySignature(tampered, signature, keys, NOW);
    expect(verdict).toMatchObject({ reason: "bad-signature", signer: { fingerprint: fingerprints.get("ed25519") } });
  });
});

describe("SSH vectors (ssh-keygen-made keys, git-made signatures)", () => {
  const fingerprintOf = (alg: string) => fluxVectorText(`${SSH_DIR}key_${alg}.pub_fingerprint`).trim();

  for (const alg of SSH_ALGS) {
    for (const kind of ["commit", "tag"] as const) {
      it(`${kind} signed with ${alg} verifies, reporting exactly Flux's fingerprint`, async () => {
        const keys = await keyring([`${alg}.sshpub`, `${SSH_DIR}key_${alg}.pub`]);
        expect(keys.problems).toEqual([]);
        const { payload, signature } = signed(kind, `${SSH_DIR}${kind}_${alg}_signed.txt`);
        const verdict = await verifySignature(payload, signature, keys, NOW);
        expect(verdict).toEqual({
          reason: "verified",
          signer: { type: "ssh", fingerprint: fingerprintOf(alg), keyId: fingerprintOf(alg), userIds: [expect.stringContaining("@example.com")] },
          detail: expect.stringContaining(fingerprintOf(alg)),
        });
      });
    }
    it(`a commit signed with ${alg} is untrusted by every other SSH key, naming its fingerprint`, async () => {
      const { payload, signature } = signed("commit", `${SSH_DIR}commit_${alg}_signed.txt`);
      for (const other of SSH_ALGS.filter((a) => a !== alg)) {
        const verdict = await verifySignature(payload, signature, await keyring([`${other}.sshpub`, `${SSH_DIR}key_${other}.pub`]), NOW);
        expect(verdict.reason, `${alg} with ${other}`).toBe("untrusted-key");
        expect(verdict.detail).toContain(fingerprintOf(alg));
      }
    });
  }

  it("keys_all.pub as one .sshpub entry holds every key and verifies every commit", async () => {
    const keys = await keyring(["all.sshpub", `${SSH_DIR}keys_all.pub`]);
    expect(keys.keys.map((k) => k.fingerprint).sort()).toEqual(SSH_ALGS.map(fingerprintOf).sort());
    for (const alg of SSH_ALGS) {
      const { payload, signature } = signed("commit", `${SSH_DIR}commit_${alg}_signed.txt`);
      expect(await verifySignature(payload, signature, keys, NOW)).toMatchObject({ reason: "verified", signer: { fingerprint: fingerprintOf(alg) } });
    }
  });

  it("an SSH key in an entry not named .sshpub is read as OpenPGP, fails, and leaves no SSH key (Flux parity)", async () => {
    const keys = await keyring(["ed25519.pub", `${SSH_DIR}key_ed25519.pub`]);
    expect(keys.keys).toEqual([]);
    expect(keys.problems).toEqual([{ source: `${SSH_DIR}key_ed25519.pub`, message: expect.stringContaining("not an ASCII-armored OpenPGP key") }]);
    const { payload, signature } = signed("commit", `${SSH_DIR}commit_ed25519_signed.txt`);
    const verdict = await verifySignature(payload, signature, keys, NOW);
    expect(verdict.reason).toBe("untrusted-key");
    expect(verdict.detail).toContain("no SSH public keys found");
  });

  it("an unsigned commit is unsigned", async () => {
    const { payload, signature } = signed("commit", `${SSH_DIR}commit_unsigned.txt`);
    expect((await verifySignature(payload, signature, await keyring(["all.sshpub", `${SSH_DIR}keys_all.pub`]), NOW)).reason).toBe("unsigned");
  });
});
