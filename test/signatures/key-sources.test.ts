import { describe, expect, it } from "vitest";
import { collectKeyEntries } from "../../src/signatures/key-sources.js";
import { readKeyring } from "../../src/signatures/read-keyring.js";
import { splitSignedCommit } from "../../src/signatures/signed-object.js";
import { verifySignature } from "../../src/signatures/verify-signature.js";
import { GPG_DIR, SSH_DIR, fluxVector, fluxVectorText } from "./support/fixtures.js";
import { MemoryTree } from "./support/memory-tree.js";

const NOW = new Date("2026-07-01T00:00:00Z");
const ED25519_ASC = fluxVectorText(`${GPG_DIR}key_ed25519.pub`);
const RSA_ASC = fluxVectorText(`${GPG_DIR}key_rsa_2048.pub`);
const SSH_LINE = fluxVectorText(`${SSH_DIR}key_ed25519.pub`).trim();
const ED25519_FPR = "712E62A324F9EBAD58A92979B8B8B643F64E4BE4";
const b64 = (s: string) => Buffer.from(s).toString("base64");
const block = (text: string, indent = "    ") => `|\n${text.trimEnd().split("\n").map((l) => indent + l).join("\n")}`;

function secret(name: string, body: string, namespace = "flux-system"): string {
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n${body}\n`;
}
function gitRepository(name: string, secretName: string | null, namespace: string | null = "flux-system"): string {
  const ns = namespace ? `\n  namespace: ${namespace}` : "";
  const verify = secretName ? `\n  verify:\n    mode: HEAD\n    secretRef:\n      name: ${secretName}` : "";
  return `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: ${name}${ns}\nspec:\n  interval: 1m\n  url: https://github.com/example/fleet${verify}\n`;
}

/** Reads the entries into a keyring and checks two real Flux vector commits against it. */
async function verifiesVectors(entries: Awaited<ReturnType<typeof collectKeyEntries>>["entries"]) {
  const keyring = await readKeyring(entries);
  const gpg = splitSignedCommit(fluxVector(`${GPG_DIR}commit_ed25519_signed.txt`));
  const ssh = splitSignedCommit(fluxVector(`${SSH_DIR}commit_ed25519_signed.txt`));
  return {
    keyring,
    gpg: (await verifySignature(gpg.payload, gpg.signature, keyring, NOW)).reason,
    ssh: (await verifySignature(ssh.payload, ssh.signature, keyring, NOW)).reason,
  };
}

describe("{secret: path}", () => {
  const path = "clusters/prod/flux-system/keys.yaml";

  it("reads data (base64) and stringData, any entry names, and one malformed entry does not spoil the rest", async () => {
    const tree = new MemoryTree({
      [path]: secret("signing-keys", `data:\n  alice.asc: ${b64(ED25519_ASC)}\n  broken.asc: ${b64("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n!!!\n-----END PGP PUBLIC KEY BLOCK-----\n")}\nstringData:\n  ci.sshpub: "${SSH_LINE}"\n  bob: ${block(RSA_ASC)}`),
    });
    const { entries, problems } = await collectKeyEntries(tree, [{ secret: path }]);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.name, e.source])).toEqual([
      ["alice.asc", `${path}#alice.asc`],
      ["broken.asc", `${path}#broken.asc`],
      ["ci.sshpub", `${path}#ci.sshpub`],
      ["bob", `${path}#bob`],
    ]);
    const { keyring, gpg, ssh } = await verifiesVectors(entries);
    expect(keyring.keys.map((k) => k.source)).toEqual([`${path}#alice.asc`, `${path}#ci.sshpub`, `${path}#bob`]);
    expect(keyring.problems).toEqual([{ source: `${path}#broken.asc`, message: expect.stringContaining("unable to read armored key ring") }]);
    expect([gpg, ssh]).toEqual(["verified", "verified"]);
  });

  it("stringData wins over data for the same name, as the API server merges them", async () => {
    const tree = new MemoryTree({ [path]: secret("k", `data:\n  alice.asc: ${b64(RSA_ASC)}\nstringData:\n  alice.asc: ${block(ED25519_ASC)}`) });
    const { entries } = await collectKeyEntries(tree, [{ secret: path }]);
    expect(entries).toHaveLength(1);
    expect((await verifiesVectors(entries)).gpg).toBe("verified");
  });

  it("picks the Secret documents of a multi-document file, naming each Secret when there are several", async () => {
    const configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a.asc: nothing\n";
    const one = new MemoryTree({ [path]: `${configMap}---\n${secret("pgp", `stringData:\n  a.asc: ${block(ED25519_ASC)}`)}` });
    expect((await collectKeyEntries(one, [{ secret: path }])).entries.map((e) => e.source)).toEqual([`${path}#a.asc`]);
    const two = new MemoryTree({ [path]: `${secret("pgp", `stringData:\n  a.asc: ${block(ED25519_ASC)}`)}---\n${secret("ssh", `stringData:\n  b.sshpub: "${SSH_LINE}"`)}` });
    expect((await collectKeyEntries(two, [{ secret: path }])).entries.map((e) => e.source)).toEqual([`${path}#pgp/a.asc`, `${path}#ssh/b.sshpub`]);
  });

  const problemCases: Array<[string, string | undefined, string]> = [
    ["a missing file", undefined, "no such file in the base tree"],
    ["a file with no Secret", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n", "holds no kind: Secret document (found: ConfigMap)"],
    ["an empty Secret", secret("empty", "type: Opaque"), "Secret has no data or stringData entries"],
    ["a data value that is not base64", secret("k", "data:\n  a.asc: not base64!"), "data value is not valid base64"],
    ["a SOPS-encrypted value", secret("k", "data:\n  a.asc: ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]\nsops:\n  version: 3.8.1"), "is SOPS-encrypted"],
    ["a YAML alias (refused outright)", `${secret("k", "stringData:\n  a.asc: &key hello\n  b.asc: *key")}`, "is not readable YAML"],
    ["broken YAML", "kind: Secret\ndata: [unclosed\n", "is not readable YAML"],
    ["a file over 1 MiB", `${secret("k", "stringData:\n  a.asc: x")}# ${"x".repeat(1024 * 1024)}\n`, "over the 1 MiB limit"],
  ];
  for (const [what, content, message] of problemCases) {
    it(`${what} is a clear problem, not a throw`, async () => {
      const tree = new MemoryTree(content === undefined ? {} : { [path]: content });
      const { entries, problems } = await collectKeyEntries(tree, [{ secret: path }]);
      expect(entries).toEqual([]);
      expect(problems).toEqual([{ source: expect.stringContaining(path), message: expect.stringContaining(message) }]);
    });
  }
});

describe("{file: glob}", () => {
  it("every matching file is an entry named by its base name; symlinks and non-matching files are not", async () => {
    const tree = new MemoryTree(
      { "keys/alice.asc": ED25519_ASC, "keys/ci.sshpub": `${SSH_LINE}\n`, "keys/README.md": "how to add a key", "other/bob.asc": RSA_ASC },
      { "keys/link.asc": "../other/bob.asc" },
    );
    const { entries, problems } = await collectKeyEntries(tree, [{ file: "keys/*.asc" }, { file: "keys/*.sshpub" }]);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.name, e.source])).toEqual([["alice.asc", "keys/alice.asc"], ["ci.sshpub", "keys/ci.sshpub"]]);
    const { gpg, ssh } = await verifiesVectors(entries);
    expect([gpg, ssh]).toEqual(["verified", "verified"]);
  });

  it("a glob that matches nothing is a problem", async () => {
    const { problems } = await collectKeyEntries(new MemoryTree({ "keys/alice.asc": ED25519_ASC }), [{ file: "key/*.asc" }]);
    expect(problems).toEqual([{ source: "key/*.asc", message: expect.stringContaining("no file in the base tree") }]);
  });
});

describe("discovery (the policy lists no keys)", () => {
  it("follows GitRepository spec.verify.secretRef to a Secret manifest in the same namespace", async () => {
    const tree = new MemoryTree({
      "clusters/prod/flux-system/gotk-sync.yaml": `${gitRepository("flux-system", "pgp-keys")}---\n${gitRepository("no-verify", null)}`,
      "clusters/prod/flux-system/pgp-keys.yaml": secret("pgp-keys", `stringData:\n  alice.asc: ${block(ED25519_ASC)}`),
      "clusters/prod/other/pgp-keys.yaml": secret("pgp-keys", `stringData:\n  mallory.asc: ${block(RSA_ASC)}`, "other"),
      "apps/podinfo.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: podinfo\n",
    });
    const { entries, problems } = await collectKeyEntries(tree, undefined);
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.source)).toEqual(["clusters/prod/flux-system/pgp-keys.yaml#alice.asc"]);
    expect((await verifiesVectors(entries)).keyring.keys.map((k) => k.fingerprint)).toEqual([ED25519_FPR]);
  });

  it("follows it to a kustomize secretGenerator's files (name=path, plain and ../ paths)", async () => {
    const kustomization = [
      "apiVersion: kustomize.config.k8s.io/v1beta1",
      "kind: Kustomization",
      "namespace: flux-system",
      "resources: [gotk-sync.yaml]",
      "secretGenerator:",
      "  - name: git-keys",
      "    files:",
      "      - keys/alice.asc",
      "      - ci.sshpub=keys/ci.pub",
      "      - ../../shared/bob.asc",
      "    options:",
      "      disableNameSuffixHash: true",
    ].join("\n");
    const tree = new MemoryTree({
      "clusters/prod/gotk-sync.yaml": gitRepository("flux-system", "git-keys", null),
      "clusters/prod/kustomization.yaml": kustomization,
      "clusters/prod/keys/alice.asc": ED25519_ASC,
      "clusters/prod/keys/ci.pub": `${SSH_LINE}\n`,
      "shared/bob.asc": RSA_ASC,
    });
    const { entries, problems } = await collectKeyEntries(tree, undefined);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.name, e.source])).toEqual([
      ["alice.asc", "clusters/prod/keys/alice.asc"],
      ["ci.sshpub", "clusters/prod/keys/ci.pub (as ci.sshpub)"],
      ["bob.asc", "shared/bob.asc"],
    ]);
    const { keyring, gpg, ssh } = await verifiesVectors(entries);
    expect(keyring.keys).toHaveLength(3);
    expect([gpg, ssh]).toEqual(["verified", "verified"]);
  });

  it("a generator file outside the repository, or missing, is a problem", async () => {
    const tree = new MemoryTree({
      "gotk-sync.yaml": gitRepository("flux-system", "git-keys"),
      "kustomization.yaml": "secretGenerator:\n  - name: git-keys\n    files: [../../etc/keys.asc, gone.asc]\n",
    });
    const { problems } = await collectKeyEntries(tree, undefined);
    expect(problems).toEqual([
      { source: "kustomization.yaml#secretGenerator/git-keys", message: expect.stringContaining("points outside the repository") },
      { source: "gone.asc", message: expect.stringContaining("is not in the base tree") },
    ]);
  });

  it("a referenced Secret that is not in the tree, and a tree with no verifying GitRepository, are problems", async () => {
    const missing = await collectKeyEntries(new MemoryTree({ "sync.yaml": gitRepository("fleet", "out-of-band") }), undefined);
    expect(missing.problems).toEqual([{ source: "sync.yaml#GitRepository flux-system/fleet", message: expect.stringContaining('Secret "out-of-band"') }]);
    const none = await collectKeyEntries(new MemoryTree({ "sync.yaml": gitRepository("fleet", null) }), undefined);
    expect(none).toEqual({ entries: [], problems: [{ source: "signing.keys", message: expect.stringContaining("no GitRepository") }] });
  });

  it("parses only files that mention what it looks for, and never reads files over 1 MiB", async () => {
    const tree = new MemoryTree({
      "sync.yaml": gitRepository("fleet", "keys"),
      "keys.yaml": secret("keys", `stringData:\n  a.asc: ${block(ED25519_ASC)}`),
      "apps/broken.yaml": "this: is: not: yaml: [\n",
      "apps/broken-repo.yaml": "kind: GitRepository\nspec: [unclosed\n",
      "apps/huge.yaml": `# GitRepository\n${"x".repeat(1024 * 1024)}`,
    });
    const { entries, problems } = await collectKeyEntries(tree, undefined);
    expect(entries.map((e) => e.source)).toEqual(["keys.yaml#a.asc"]);
    expect(problems).toEqual([{ source: "apps/broken-repo.yaml", message: expect.stringContaining("not readable YAML") }]);
    expect(tree.reads).not.toContain("apps/huge.yaml");
  });
});
