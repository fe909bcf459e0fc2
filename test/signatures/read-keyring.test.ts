import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readKeyring } from "../../src/signatures/read-keyring.js";
import { splitSignedCommit } from "../../src/signatures/signed-object.js";
import { verifySignature } from "../../src/signatures/verify-signature.js";
import type { AllowedKey, KeyEntry } from "../../src/signatures/keyring.js";
import { GpgHome } from "../support/gpg.js";
import { GPG_DIR, SSH_DIR, fluxVector, fluxVectorText } from "./support/fixtures.js";

const NOW = new Date("2026-07-01T00:00:00Z");
const entry = (name: string, content: string | Uint8Array): KeyEntry => ({
  name,
  source: `keys.yaml#${name}`,
  bytes: typeof content === "string" ? new Uint8Array(Buffer.from(content)) : content,
});
const ed25519Asc = () => fluxVectorText(`${GPG_DIR}key_ed25519.pub`);
const rsaAsc = () => fluxVectorText(`${GPG_DIR}key_rsa_2048.pub`);
const sshLine = () => fluxVectorText(`${SSH_DIR}key_ed25519.pub`).trim();
const commit = (path: string) => splitSignedCommit(fluxVector(path));

let gpg: GpgHome;
beforeAll(() => (gpg = GpgHome.create()));
afterAll(() => gpg.dispose());

describe("entries Flux reads", () => {
  it("reads .asc, extension-less (OpenPGP) and .sshpub entries, each key with its identity and source", async () => {
    const keyring = await readKeyring([entry("alice.asc", ed25519Asc()), entry("bob", rsaAsc()), entry("ci.sshpub", `${sshLine()}\n`)]);
    expect(keyring.problems).toEqual([]);
    const shown = gpg.gpg(["--with-colons", "--show-keys"], ed25519Asc()).split("\n");
    const keyIds = shown.filter((r) => r.startsWith("pub:") || r.startsWith("sub:")).map((r) => r.split(":")[4]);
    expect(keyring.keys.map(({ handle, ...summary }) => summary)).toEqual([
      { type: "openpgp", fingerprint: "712E62A324F9EBAD58A92979B8B8B643F64E4BE4", userIds: ["Test User <test-ed25519@example.com>"], source: "keys.yaml#alice.asc", keyIds },
      { type: "openpgp", fingerprint: expect.stringMatching(/^[0-9A-F]{40}$/), userIds: ["Test User <test-rsa_2048@example.com>"], source: "keys.yaml#bob", keyIds: expect.any(Array) },
      { type: "ssh", fingerprint: fluxVectorText(`${SSH_DIR}key_ed25519.pub_fingerprint`).trim(), userIds: ["test-ed25519@example.com"], source: "keys.yaml#ci.sshpub", keyIds: [] },
    ]);
  });

  it("key ids are the primary's and every subkey's, upper-case", async () => {
    const key = gpg.generate("Subkeys <subkeys@example.com>", { signingSubkey: true });
    gpg.gpg(["--quick-add-key", key.fingerprint, "cv25519", "encr", "0"]);
    const keyring = await readKeyring([entry("s.asc", gpg.exportPublic(key.fingerprint))]);
    const listed = gpg.gpg(["--with-colons", "--list-keys", key.fingerprint]).split("\n");
    const ids = listed.filter((r) => r.startsWith("pub:") || r.startsWith("sub:")).map((r) => r.split(":")[4]);
    expect(ids).toHaveLength(3);
    expect(keyring.keys[0]!.keyIds).toEqual(ids);
  });

  it("one armor block holding two keys gives both", async () => {
    const a = gpg.generate("A <a@example.com>");
    const b = gpg.generate("B <b@example.com>");
    const keyring = await readKeyring([entry("team.asc", gpg.gpg(["--armor", "--export", a.fingerprint, b.fingerprint]))]);
    expect(keyring.keys.map((k) => k.fingerprint).sort()).toEqual([a.fingerprint, b.fingerprint].sort());
    expect(keyring.problems).toEqual([]);
  });

  it("only the first armor block counts (Flux parity): the next block's key is ignored, and that is reported", async () => {
    const keyring = await readKeyring([entry("both.asc", `${ed25519Asc()}\n${rsaAsc()}`)]);
    expect(keyring.keys.map((k) => k.fingerprint)).toEqual(["712E62A324F9EBAD58A92979B8B8B643F64E4BE4"]);
    expect(keyring.problems).toEqual([{ source: "keys.yaml#both.asc", message: expect.stringContaining("1 more armor block(s)") }]);
    const { payload, signature } = commit(`${GPG_DIR}commit_rsa_2048_signed.txt`);
    expect((await verifySignature(payload, signature, keyring, NOW)).reason).toBe("untrusted-key");
  });

  it("a private key block is used for its public part, with a loud warning", async () => {
    const key = gpg.generate("Leaky <leaky@example.com>");
    const keyring = await readKeyring([entry("oops.asc", gpg.gpg(["--armor", "--export-secret-keys", key.fingerprint]))]);
    expect(keyring.keys.map((k) => k.fingerprint)).toEqual([key.fingerprint]);
    expect(keyring.problems).toEqual([{ source: "keys.yaml#oops.asc", message: expect.stringContaining("PRIVATE key") }]);
  });
});

describe("entries that fail, each on its own", () => {
  const good = () => entry("good.asc", ed25519Asc());
  async function onlyProblem(bad: KeyEntry): Promise<string> {
    const keyring = await readKeyring([bad, good()]);
    expect(keyring.keys.map((k) => k.source)).toEqual(["keys.yaml#good.asc"]);
    expect(keyring.problems).toHaveLength(1);
    expect(keyring.problems[0]!.source).toBe(bad.source);
    return keyring.problems[0]!.message;
  }

  it("a binary (non-armored) OpenPGP key", async () => {
    const body = ed25519Asc().split("\n").filter((l) => l && !l.startsWith("-----") && !l.startsWith("="));
    const binary = new Uint8Array(Buffer.from(body.join(""), "base64"));
    expect(await onlyProblem(entry("binary.gpg", binary))).toContain("binary OpenPGP key");
  });

  it("garbage inside the armor", async () => {
    const garbage = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nthis is not base64 at all !!!\n-----END PGP PUBLIC KEY BLOCK-----\n";
    expect(await onlyProblem(entry("garbage.asc", garbage))).toContain("unable to read armored key ring");
  });

  it("an armor block that is not a key", async () => {
    const sig = fluxVectorText("pkg-inline-stefanprodan-dsa/signature.asc");
    expect(await onlyProblem(entry("sig.asc", sig))).toContain('"PGP SIGNATURE", not a PGP PUBLIC KEY BLOCK');
  });

  it("plain text", async () => {
    expect(await onlyProblem(entry("notes.txt", "please trust alice\n"))).toContain("not an ASCII-armored OpenPGP key");
  });

  it("an entry larger than a Secret can hold, and an empty one", async () => {
    expect(await onlyProblem(entry("huge.asc", new Uint8Array(1024 * 1024 + 1)))).toContain("more than a Kubernetes Secret can hold");
    expect(await onlyProblem(entry("empty.asc", ""))).toBe("is empty");
  });

  it(".sshpub: one bad line fails the whole entry, naming the line", async () => {
    const text = `# ops\n${sshLine()}\nssh-ed25519 AAAA-not-base64 broken\n`;
    expect(await onlyProblem(entry("ops.sshpub", text))).toMatch(/^line 3 is not an SSH public key .*whole entry is ignored/);
  });

  it(".sshpub: an unsupported key type, a certificate, and comments only", async () => {
    const blob = Buffer.concat([Buffer.from([0, 0, 0, 7]), Buffer.from("ssh-foo"), Buffer.from([0, 0, 0, 1, 1])]).toString("base64");
    expect(await onlyProblem(entry("foo.sshpub", `ssh-foo ${blob}`))).toContain('unsupported SSH key type "ssh-foo"');
    expect(await onlyProblem(entry("none.sshpub", "# nobody yet\n\n"))).toContain("holds no SSH public keys");
  });
});

describe("verification uses the key index, not every key", () => {
  it("keys other than the issuer's candidate are never touched", async () => {
    const keyring = await readKeyring([entry("alice.asc", ed25519Asc())]);
    // Poisoned keys: any access to their parsed handle throws, which would turn the verdict into a failure.
    const poisoned = (i: number): AllowedKey => ({
      type: "openpgp", fingerprint: `${i}`.padStart(40, "0"), keyIds: [`${i}`.padStart(16, "0")], userIds: [], source: `p${i}`,
      handle: new Proxy({}, { get: () => { throw new Error("touched a key that could not have signed"); } }),
    });
    const many = { keys: [...Array.from({ length: 50 }, (_, i) => poisoned(i + 1)), ...keyring.keys], problems: [] };
    const { payload, signature } = commit(`${GPG_DIR}commit_ed25519_signed.txt`);
    expect((await verifySignature(payload, signature, many, NOW)).reason).toBe("verified");
    const ssh = commit(`${SSH_DIR}commit_ed25519_signed.txt`);
    const withSsh = await readKeyring([entry("ci.sshpub", sshLine())]);
    expect((await verifySignature(ssh.payload, ssh.signature, { keys: [...many.keys, ...withSsh.keys], problems: [] }, NOW)).reason).toBe("verified");
  });
});
