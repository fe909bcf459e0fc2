import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readKeyring } from "../../src/signatures/read-keyring.js";
import { splitSignedCommit, splitSignedTag } from "../../src/signatures/signed-object.js";
import { verifySignature } from "../../src/signatures/verify-signature.js";
import type { Keyring } from "../../src/signatures/keyring.js";
import { GpgHome, type GpgKey } from "../support/gpg.js";
import { TestRepo } from "../support/git-repo.js";
import { rawObject } from "./support/raw-object.js";

// Commits signed by real `git commit -S` with keys made by real gpg: what developers' machines produce.
// Keys are made at the machine's time, so "now" must be the machine's time too (a key can't sign before it exists).
const now = () => new Date();
let home: GpgHome;
let repo: TestRepo;

beforeAll(() => {
  home = GpgHome.create();
  repo = TestRepo.create();
});
afterAll(() => {
  repo.dispose();
  home.dispose();
});

const keyringOf = (...keys: GpgKey[]): Promise<Keyring> =>
  readKeyring(keys.map((k, i) => ({ name: `key${i}.asc`, source: `keys.yaml#key${i}.asc`, bytes: Buffer.from(k.publicArmored) })));

function commitSignedBy(key: GpgKey | null, message: string) {
  const sha = repo.write(`${message.replace(/\W+/g, "-")}.txt`, message).commit(message, key ? { gpg: key } : null);
  return { sha, ...splitSignedCommit(rawObject(repo, "commit", sha)) };
}

describe("commits signed by gpg keys in the allowed set", () => {
  for (const algo of ["ed25519", "rsa2048", "nistp256"] as const) {
    it(`${algo}: verifies and names the primary key`, async () => {
      const key = home.generate(`${algo} <${algo}@example.com>`, { algo });
      const { payload, signature } = commitSignedBy(key, `signed with ${algo}`);
      const verdict = await verifySignature(payload, signature, await keyringOf(key), now());
      expect(verdict).toEqual({
        reason: "verified",
        signer: { type: "openpgp", fingerprint: key.fingerprint, keyId: key.keyId, userIds: [`${algo} <${algo}@example.com>`] },
        detail: expect.stringContaining(key.fingerprint),
      });
    });
  }

  it("a signing subkey reports the PRIMARY fingerprint and the subkey's key id", async () => {
    const key = home.generate("Sub <sub@example.com>", { signingSubkey: true });
    expect(key.signingKeyId).not.toBe(key.keyId);
    const { payload, signature } = commitSignedBy(key, "signed by subkey");
    const verdict = await verifySignature(payload, signature, await keyringOf(key), now());
    expect(verdict).toMatchObject({ reason: "verified", signer: { fingerprint: key.fingerprint, keyId: key.signingKeyId } });
    expect(verdict.detail).toContain(`subkey ${key.signingKeyId}`);
  });

  it("a signed annotated tag verifies through splitSignedTag", async () => {
    const key = home.generate("Tagger <tagger@example.com>");
    commitSignedBy(key, "to be tagged");
    repo.tag("v1.0.0", "release 1.0.0", { gpg: key });
    const { payload, signature } = splitSignedTag(rawObject(repo, "tag", "v1.0.0"));
    expect(await verifySignature(payload, signature, await keyringOf(key), now())).toMatchObject({ reason: "verified", signer: { fingerprint: key.fingerprint } });
  });
});

describe("what Flux refuses", () => {
  it("a key that has expired NOW fails, although it was valid when the commit was signed", async () => {
    const key = home.generate("Old <old@example.com>", { fakedTime: "20200101T000000", expire: "1y" });
    const { payload, signature } = commitSignedBy(key, "signed in 2020");
    const keys = await keyringOf(key);
    // Judged when it was signed (what OpenPGP.js alone does), it is fine: the failure below is about `now`.
    expect((await verifySignature(payload, signature, keys, new Date("2020-06-01T00:00:00Z"))).reason).toBe("verified");
    const verdict = await verifySignature(payload, signature, keys, now());
    expect(verdict).toMatchObject({ reason: "expired-key", signer: { fingerprint: key.fingerprint } });
    expect(verdict.detail).toMatch(/expired on 2020-12-31|expired on 2021-01-0/);
  });

  it("an expired signing subkey fails even though the primary never expires", async () => {
    const primary = home.generate("Rotating <rotating@example.com>", { fakedTime: "20200101T000000" });
    home.gpg(["--faked-system-time", "20200101T000000!", "--quick-add-key", primary.fingerprint, "ed25519", "sign", "1y"]);
    const sub = home.gpg(["--with-colons", "--list-keys", primary.fingerprint]).split("\n").find((r) => r.startsWith("sub:"))!.split(":")[4]!;
    const key: GpgKey = { ...primary, signingKeyId: sub, publicArmored: home.exportPublic(primary.fingerprint) };
    const { payload, signature } = commitSignedBy(key, "signed by the short-lived subkey");
    const keys = await keyringOf(key);
    expect(await verifySignature(payload, signature, keys, new Date("2020-06-01T00:00:00Z"))).toMatchObject({ reason: "verified", signer: { keyId: sub } });
    const verdict = await verifySignature(payload, signature, keys, now());
    expect(verdict).toMatchObject({ reason: "expired-key", signer: { fingerprint: primary.fingerprint, keyId: sub } });
    expect(verdict.detail).toContain(`signing subkey ${sub} expired`);
  });

  it("a signature that has itself expired fails, though its key is valid", async () => {
    const key = home.generate("Ephemeral <ephemeral@example.com>", { fakedTime: "20200101T000000" });
    // gpg.program that makes signatures expiring one day after they were made (gpg's --default-sig-expire).
    const program = join(home.dir, "gpg-sig-expires");
    writeFileSync(program, `#!/bin/sh\nexec gpg --faked-system-time '20200101T000000!' --default-sig-expire 1d "$@"\n`);
    chmodSync(program, 0o755);
    const { payload, signature } = commitSignedBy({ ...key, gpgProgram: program }, "signature expires in a day");
    const keys = await keyringOf(key);
    expect((await verifySignature(payload, signature, keys, new Date("2020-01-01T12:00:00Z"))).reason).toBe("verified");
    const verdict = await verifySignature(payload, signature, keys, now());
    expect(verdict).toMatchObject({ reason: "bad-signature", signer: { fingerprint: key.fingerprint } });
    expect(verdict.detail).toContain("the signature itself has expired");
  });

  it("a key revoked inside the supplied key fails; the same commit verifies with the export from before the revocation", async () => {
    const key = home.generate("Gone <gone@example.com>");
    const { payload, signature } = commitSignedBy(key, "signed before revocation");
    expect((await verifySignature(payload, signature, await keyringOf(key), now())).reason).toBe("verified");
    const revoked = home.revoke(key);
    const verdict = await verifySignature(payload, signature, await keyringOf(revoked), now());
    expect(verdict).toMatchObject({ reason: "revoked-key", signer: { fingerprint: key.fingerprint }, detail: `primary key ${key.keyId} is revoked` });
  });

  it("a commit signed by a key outside the set is untrusted, naming the key that signed it", async () => {
    const allowed = home.generate("Allowed <allowed@example.com>");
    const stranger = home.generate("Stranger <stranger@example.com>");
    const { payload, signature } = commitSignedBy(stranger, "signed by a stranger");
    const verdict = await verifySignature(payload, signature, await keyringOf(allowed), now());
    expect(verdict).toMatchObject({ reason: "untrusted-key", signer: null });
    expect(verdict.detail).toContain(stranger.keyId);
    expect(verdict.detail).toContain(stranger.fingerprint);
  });

  it("a tampered payload is a bad signature by the key that made it", async () => {
    const key = home.generate("Honest <honest@example.com>");
    const { payload, signature } = commitSignedBy(key, "original message");
    const tampered = Buffer.from(Buffer.from(payload).toString("utf8").replace("original message", "evil message"));
    const verdict = await verifySignature(tampered, signature, await keyringOf(key), now());
    expect(verdict).toMatchObject({ reason: "bad-signature", signer: { fingerprint: key.fingerprint } });
  });

  it("a signature replayed from commit A onto commit B's content is a bad signature", async () => {
    const key = home.generate("Replayed <replayed@example.com>");
    const a = commitSignedBy(key, "commit A, really signed");
    const b = commitSignedBy(null, "commit B, never signed");
    // Put A's gpgsig header on B's object, right after its committer line, and let git store it as a commit.
    const bText = Buffer.from(rawObject(repo, "commit", b.sha)).toString("utf8");
    const header = `gpgsig ${a.signature!.trimEnd().split("\n").join("\n ")}\n`;
    const forged = bText.replace(/(^committer .*\n)/m, `$1${header}`);
    const forgedSha = repo.hashCommitObject(forged);
    const replayed = splitSignedCommit(rawObject(repo, "commit", forgedSha));
    expect(replayed.signature).toBe(a.signature);
    const verdict = await verifySignature(replayed.payload, replayed.signature, await keyringOf(key), now());
    expect(verdict).toMatchObject({ reason: "bad-signature", signer: { fingerprint: key.fingerprint } });
  });

  it("an x509 (S/MIME, gitsign) signature is an unsupported format", async () => {
    const key = home.generate("X509 <x509@example.com>");
    const { payload } = commitSignedBy(null, "pretend x509");
    const x509 = "-----BEGIN SIGNED MESSAGE-----\nMIAGCSqGSIb3DQEHAqCAMIACAQExDTALBglghkgBZQMEAgEwCwYJKoZIhvcNAQcB\n-----END SIGNED MESSAGE-----\n";
    const verdict = await verifySignature(payload, x509, await keyringOf(key), now());
    expect(verdict).toMatchObject({ reason: "unsupported-format", signer: null, detail: expect.stringContaining("x509") });
  });

  it("an unsigned commit is unsigned", async () => {
    const { payload, signature } = commitSignedBy(null, "not signed at all");
    expect(signature).toBeNull();
    expect((await verifySignature(payload, signature, await keyringOf(home.generate("Any <any@example.com>")), now())).reason).toBe("unsigned");
  });
});
