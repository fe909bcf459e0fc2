import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readKeyring } from "../../src/signatures/read-keyring.js";
import { splitSignedCommit, splitSignedTag } from "../../src/signatures/signed-object.js";
import { verifySignature } from "../../src/signatures/verify-signature.js";
import type { Keyring } from "../../src/signatures/keyring.js";
import { TestRepo } from "../support/git-repo.js";
import { generateSshKey, type SshKey } from "../support/ssh.js";
import { fluxVector, GPG_DIR } from "./support/fixtures.js";
import { rawObject } from "./support/raw-object.js";

// Commits signed by real `git commit -S` with gpg.format=ssh (ssh-keygen -Y sign under the hood), verified without it.
const now = () => new Date();
let dir: string;
let repo: TestRepo;
const keys: Record<string, SshKey> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "fw-ssh-"));
  repo = TestRepo.create();
  keys.ed25519 = generateSshKey(dir, "alice", "ed25519");
  keys.ecdsa = generateSshKey(dir, "bob", "ecdsa");
  keys.rsa = generateSshKey(dir, "carol", "rsa");
  keys.stranger = generateSshKey(dir, "mallory", "ed25519");
});
afterAll(() => {
  repo.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const sshKeyring = (...lines: string[]): Promise<Keyring> =>
  readKeyring([{ name: "devs.sshpub", source: "keys.yaml#devs.sshpub", bytes: Buffer.from(`# developers\n\n${lines.join("\n")}\n`) }]);

function commitSignedBy(key: SshKey, message: string) {
  const sha = repo.write(`${message.replace(/\W+/g, "-")}.txt`, message).commit(message, { ssh: key });
  return splitSignedCommit(rawObject(repo, "commit", sha));
}

/** Signs bytes with `ssh-keygen -Y sign`, for what git itself never produces (another namespace, SHA-256). */
function sshKeygenSign(key: SshKey, data: Uint8Array, namespace: string, extra: string[] = []): string {
  const file = join(dir, `data-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, data);
  execFileSync("ssh-keygen", ["-q", "-Y", "sign", "-n", namespace, "-f", key.privatePath, ...extra, file], { stdio: "ignore" });
  return readFileSync(`${file}.sig`, "utf8");
}

describe("SSH-signed commits", () => {
  for (const type of ["ed25519", "ecdsa", "rsa"]) {
    it(`${type}: verifies with its authorized_keys line, reporting ssh-keygen's fingerprint`, async () => {
      const key = keys[type]!;
      const { payload, signature } = commitSignedBy(key, `signed with ssh ${type}`);
      expect(signature).toMatch(/^-----BEGIN SSH SIGNATURE-----/);
      const verdict = await verifySignature(payload, signature, await sshKeyring(key.publicLine), now());
      expect(verdict).toEqual({
        reason: "verified",
        signer: { type: "ssh", fingerprint: key.fingerprint, keyId: key.fingerprint, userIds: [key.publicLine.split(" ")[2]] },
        detail: expect.stringContaining(key.fingerprint),
      });
    });
  }

  it("fails with another key, naming the fingerprint that signed", async () => {
    const { payload, signature } = commitSignedBy(keys.stranger!, "signed by mallory");
    const verdict = await verifySignature(payload, signature, await sshKeyring(keys.ed25519!.publicLine, keys.rsa!.publicLine), now());
    expect(verdict).toMatchObject({ reason: "untrusted-key", signer: null });
    expect(verdict.detail).toContain(keys.stranger!.fingerprint);
  });

  it("accepts an authorized_keys line with an options prefix (quoted spaces included)", async () => {
    const { payload, signature } = commitSignedBy(keys.ed25519!, "options prefix");
    const line = `no-pty,command="echo hello there",from="10.0.0.0/8" ${keys.ed25519!.publicLine}`;
    expect((await verifySignature(payload, signature, await sshKeyring(line), now())).reason).toBe("verified");
  });

  it("a tampered payload is a bad signature", async () => {
    const { payload, signature } = commitSignedBy(keys.ecdsa!, "ssh original");
    const tampered = Buffer.from(Buffer.from(payload).toString("utf8").replace("ssh original", "ssh tampered"));
    const verdict = await verifySignature(tampered, signature, await sshKeyring(keys.ecdsa!.publicLine), now());
    expect(verdict).toMatchObject({ reason: "bad-signature", signer: { fingerprint: keys.ecdsa!.fingerprint } });
  });

  it("a signed tag verifies", async () => {
    commitSignedBy(keys.rsa!, "to tag with ssh");
    repo.tag("v2.0.0", "ssh-signed release", { ssh: keys.rsa! });
    const { payload, signature } = splitSignedTag(rawObject(repo, "tag", "v2.0.0"));
    expect((await verifySignature(payload, signature, await sshKeyring(keys.rsa!.publicLine), now())).reason).toBe("verified");
  });

  it("a signature made for another namespace (`file`) is refused; the same bytes signed for `git` pass", async () => {
    const { payload } = commitSignedBy(keys.ed25519!, "namespace check");
    const keyring = await sshKeyring(keys.ed25519!.publicLine);
    const forFile = await verifySignature(payload, sshKeygenSign(keys.ed25519!, payload, "file"), keyring, now());
    expect(forFile).toMatchObject({ reason: "bad-signature", detail: expect.stringContaining('namespace "file"') });
    expect((await verifySignature(payload, sshKeygenSign(keys.ed25519!, payload, "git"), keyring, now())).reason).toBe("verified");
  });

  it("a SHA-256 sshsig (hashalg=sha256) verifies", async () => {
    const { payload } = commitSignedBy(keys.rsa!, "sha256 hash");
    const signature = sshKeygenSign(keys.rsa!, payload, "git", ["-O", "hashalg=sha256"]);
    expect(Buffer.from(signature.split("\n").slice(1, -2).join(""), "base64").includes(Buffer.from("sha256"))).toBe(true);
    expect((await verifySignature(payload, signature, await sshKeyring(keys.rsa!.publicLine), now())).reason).toBe("verified");
  });

  it("an SSH signature with only OpenPGP keys allowed says no SSH keys were found", async () => {
    const { payload, signature } = commitSignedBy(keys.ed25519!, "no ssh keys");
    const pgpOnly = await readKeyring([{ name: "a.asc", source: "a.asc", bytes: fluxVector(`${GPG_DIR}key_ed25519.pub`) }]);
    const verdict = await verifySignature(payload, signature, pgpOnly, now());
    expect(verdict).toMatchObject({ reason: "untrusted-key", detail: expect.stringContaining("no SSH public keys found") });
    expect(verdict.detail).toContain(keys.ed25519!.fingerprint);
  });
});
