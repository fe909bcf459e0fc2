import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitSource, type GitSource } from "../../../src/sources/git-source.js";
import { TestRepo } from "../../support/git-repo.js";
import { GpgHome, type GpgKey } from "../../support/gpg.js";
import { generateSshKey, type SshKey } from "../../support/ssh.js";
import { gitBytes, reassembleSignedCommit, text } from "./git-source-helpers.js";

describe("GitSource commits", () => {
  let gpg: GpgHome;
  let gpgKey: GpgKey;
  let sshDir: string;
  let sshKey: SshKey;
  let repo: TestRepo;
  let source: GitSource;
  const shas: Record<string, string> = {};

  beforeAll(() => {
    gpg = GpgHome.create();
    gpgKey = gpg.generate("Alice <alice@example.com>");
    sshDir = mkdtempSync(join(tmpdir(), "fw-ssh-"));
    sshKey = generateSshKey(sshDir, "bob");
    repo = TestRepo.create();
    shas.root = repo.write("clusters/prod/app.yaml", "kind: Namespace\n").commit("root", { gpg: gpgKey });
    shas.gpg = repo.write("clusters/prod/app.yaml", "kind: Namespace\nmetadata: {}\n").commit("Signed with gpg\n\nBody line.", { gpg: gpgKey }, {
      date: "2026-03-04T05:06:07Z",
      author: { name: "Ålice Ünicode", email: "alice@example.com" },
    });
    shas.unsigned = repo.write("clusters/prod/b.yaml", "b: 1\n").commit("unsigned", null, { date: "2026-05-06T07:08:09+02:00" });
    shas.ssh = repo.write("clusters/prod/c.yaml", "c: 1\n").commit("signed with ssh", { ssh: sshKey });
    source = createGitSource({ repoDir: repo.dir });
  });

  afterAll(async () => {
    await source.close();
    repo.dispose();
    gpg.dispose();
    rmSync(sshDir, { recursive: true, force: true });
  });

  it("lists base..head oldest first, with parents, people and messages", async () => {
    const changeSet = await source.changeSet({ base: shas.root!, head: "HEAD" });
    expect(changeSet.base).toBe(shas.root);
    expect(changeSet.head).toBe(shas.ssh);
    expect(changeSet.mergeBase).toBe(shas.root);
    expect(changeSet.commits.map((c) => c.sha)).toEqual([shas.gpg, shas.unsigned, shas.ssh]);
    const [gpgCommit] = changeSet.commits;
    expect(gpgCommit?.parents).toEqual([shas.root]);
    expect(gpgCommit?.author).toEqual({ name: "Ålice Ünicode", email: "alice@example.com", date: "2026-03-04T05:06:07Z" });
    expect(gpgCommit?.committer).toEqual({ name: "Test Developer", email: "dev@example.com", date: "2026-03-04T05:06:07Z" });
    expect(gpgCommit?.message).toBe("Signed with gpg\n\nBody line.\n");
  });

  it("splits a gpg-signed commit byte-exact: payload + signature re-hash to the commit's sha", async () => {
    const [commit] = (await source.changeSet({ base: shas.root!, head: shas.gpg! })).commits;
    expect(commit?.signature).toMatch(/^-----BEGIN PGP SIGNATURE-----\n[\s\S]+\n-----END PGP SIGNATURE-----\n$/);
    const rebuilt = reassembleSignedCommit(commit!.payload, commit!.signature!);
    expect(gitBytes(repo, ["hash-object", "-t", "commit", "--stdin"], rebuilt).toString().trim()).toBe(shas.gpg);
    // The payload alone is what gpg signed: gpg itself accepts the pair.
    const dir = mkdtempSync(join(tmpdir(), "fw-verify-"));
    writeFileSync(join(dir, "payload"), commit!.payload);
    writeFileSync(join(dir, "payload.asc"), commit!.signature!);
    expect(() => gpg.gpg(["--verify", join(dir, "payload.asc"), join(dir, "payload")])).not.toThrow();
    writeFileSync(join(dir, "payload"), Buffer.concat([Buffer.from(commit!.payload), Buffer.from("x")]));
    expect(() => gpg.gpg(["--verify", join(dir, "payload.asc"), join(dir, "payload")])).toThrow();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives the raw object itself as the payload of an unsigned commit, and a null signature", async () => {
    const commit = (await source.changeSet({ base: shas.gpg!, head: shas.unsigned! })).commits[0];
    expect(commit?.signature).toBeNull();
    // Dates are given in UTC, as the GitHub API gives them, whatever the committer's offset.
    expect(commit?.author?.date).toBe("2026-05-06T05:08:09Z");
    expect(Buffer.from(commit!.payload)).toEqual(gitBytes(repo, ["cat-file", "commit", shas.unsigned!]));
  });

  it("splits an SSH-signed commit so that ssh-keygen verifies it in the git namespace", async () => {
    const commit = (await source.changeSet({ base: shas.unsigned!, head: shas.ssh! })).commits[0];
    expect(commit?.signature).toMatch(/^-----BEGIN SSH SIGNATURE-----\n[\s\S]+\n-----END SSH SIGNATURE-----\n$/);
    const rebuilt = reassembleSignedCommit(commit!.payload, commit!.signature!);
    expect(gitBytes(repo, ["hash-object", "-t", "commit", "--stdin"], rebuilt).toString().trim()).toBe(shas.ssh);
    const sigFile = join(sshDir, "commit.sig");
    writeFileSync(sigFile, commit!.signature!);
    const check = (payload: Uint8Array): string =>
      execFileSync("ssh-keygen", ["-Y", "check-novalidate", "-n", "git", "-s", sigFile], {
        input: payload,
        encoding: "utf8",
        stdio: ["pipe", "pipe", "pipe"],
      });
    expect(check(commit!.payload)).toMatch(/Good "git" signature/);
    expect(() => check(Buffer.concat([Buffer.from(commit!.payload), Buffer.from(" ")]))).toThrow();
  });

  it("returns no commits and no files when head is base", async () => {
    const changeSet = await source.changeSet({ base: "HEAD", head: "HEAD" });
    expect(changeSet.commits).toEqual([]);
    expect(changeSet.files).toEqual([]);
  });

  it("describes each commit's own change and the net change with contents", async () => {
    const changeSet = await source.changeSet({ base: shas.root!, head: shas.ssh! });
    expect(changeSet.commits.map((c) => c.files.map((f) => `${f.status} ${f.path}`))).toEqual([
      ["modified clusters/prod/app.yaml"],
      ["added clusters/prod/b.yaml"],
      ["added clusters/prod/c.yaml"],
    ]);
    expect(changeSet.commits[0]?.files[0]?.head?.content).toBeNull();
    expect(changeSet.files.map((f) => [f.path, text(f.base?.content), text(f.head?.content)])).toEqual([
      ["clusters/prod/app.yaml", "kind: Namespace\n", "kind: Namespace\nmetadata: {}\n"],
      ["clusters/prod/b.yaml", null, "b: 1\n"],
      ["clusters/prod/c.yaml", null, "c: 1\n"],
    ]);
  });

  it("diffs a root commit (an unrelated history merged in) against the empty tree", async () => {
    const joined = TestRepo.create();
    try {
      const base = joined.write("a.yaml", "a: 1\n").commit("main root");
      joined.git("checkout", "-q", "--orphan", "other");
      joined.git("rm", "-q", "-r", "-f", ".");
      const otherRoot = joined.write("vendor/b.yaml", "b: 1\n").commit("other root");
      joined.checkout("main");
      const merge = joined.gitWith({}, ["merge", "-q", "--no-ff", "--allow-unrelated-histories", "-m", "join", "other"]);
      expect(merge).toBe("");
      const joinedSource = createGitSource({ repoDir: joined.dir });
      const changeSet = await joinedSource.changeSet({ base, head: "HEAD" });
      await joinedSource.close();
      expect(changeSet.commits.map((c) => [c.sha, c.parents.length])).toEqual([
        [otherRoot, 0],
        [joined.rev("HEAD"), 2],
      ]);
      expect(changeSet.commits[0]?.files.map((f) => [f.status, f.path, f.base])).toEqual([["added", "vendor/b.yaml", null]]);
      // The merge took vendor/b.yaml unchanged from its second parent: nothing of its own.
      expect(changeSet.commits[1]?.files).toEqual([]);
      expect(changeSet.files.map((f) => f.path)).toEqual(["vendor/b.yaml"]);
    } finally {
      joined.dispose();
    }
  });
});
