import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitSource, GitSourceError, type GitSource } from "../../../src/sources/git-source.js";
import { TestRepo } from "../../support/git-repo.js";
import { GpgHome, type GpgKey } from "../../support/gpg.js";
import { gitBytes } from "./git-source-helpers.js";

describe("GitSource tags", () => {
  let gpg: GpgHome;
  let key: GpgKey;
  let repo: TestRepo;
  let source: GitSource;
  let commit: string;

  beforeAll(() => {
    gpg = GpgHome.create();
    key = gpg.generate("Release Bot <release@example.com>");
    repo = TestRepo.create();
    commit = repo.write("clusters/prod/app.yaml", "a: 1\n").commit("release");
    repo.tag("v1.0.0", "Release 1.0.0\n\nNotes.", { gpg: key });
    repo.tag("v1.0.0-unsigned", "Unsigned release");
    repo.git("tag", "v1.0.0-light");
    repo.git("tag", "-a", "-m", "a tag of a tag", "outer", "v1.0.0");
    source = createGitSource({ repoDir: repo.dir });
  });

  afterAll(async () => {
    await source?.close();
    repo?.dispose();
    gpg?.dispose();
  });

  it("reads a signed annotated tag byte-exact: payload + signature is the tag object", async () => {
    const tag = await source.tag("v1.0.0");
    expect(tag.sha).toBe(repo.rev("refs/tags/v1.0.0"));
    expect(tag.target).toBe(commit);
    expect(tag.signature).toMatch(/^-----BEGIN PGP SIGNATURE-----\n[\s\S]+-----END PGP SIGNATURE-----\n$/);
    expect(tag.message).toBe("Release 1.0.0\n\nNotes.\n");
    expect(tag.tagger).toMatchObject({ name: "Test Developer", email: "dev@example.com" });
    expect(tag.tagger?.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const object = Buffer.concat([Buffer.from(tag.payload), Buffer.from(tag.signature!, "utf8")]);
    expect(gitBytes(repo, ["hash-object", "-t", "tag", "--stdin"], object).toString().trim()).toBe(tag.sha);
    const dir = mkdtempSync(join(tmpdir(), "fw-tag-"));
    try {
      writeFileSync(join(dir, "payload"), tag.payload);
      writeFileSync(join(dir, "payload.asc"), tag.signature!);
      expect(() => gpg.gpg(["--verify", join(dir, "payload.asc"), join(dir, "payload")])).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("accepts the full ref name", async () => {
    expect((await source.tag("refs/tags/v1.0.0")).sha).toBe(repo.rev("refs/tags/v1.0.0"));
  });

  it("gives an unsigned annotated tag a null signature and its whole object as payload", async () => {
    const tag = await source.tag("v1.0.0-unsigned");
    expect(tag.signature).toBeNull();
    expect(Buffer.from(tag.payload)).toEqual(gitBytes(repo, ["cat-file", "tag", "v1.0.0-unsigned"]));
    expect(tag.message).toBe("Unsigned release\n");
  });

  it("peels a tag of a tag to the commit", async () => {
    const tag = await source.tag("outer");
    expect(tag.target).toBe(commit);
    expect(tag.sha).not.toBe(repo.rev("refs/tags/v1.0.0"));
  });

  it("refuses a lightweight tag, saying why", async () => {
    const attempt = source.tag("v1.0.0-light");
    await expect(attempt).rejects.toBeInstanceOf(GitSourceError);
    await expect(attempt).rejects.toThrow("tag v1.0.0-light is not annotated: Flux's Tag mode needs an annotated, signed tag");
  });

  it("refuses a name that is not a tag name", async () => {
    await expect(source.tag("../heads/main")).rejects.toThrow('"../heads/main" is not a valid tag name');
  });

  it("refuses a tag that does not exist", async () => {
    await expect(source.tag("v9")).rejects.toThrow(`tag v9 does not exist in ${repo.dir}: fetch tags first (git fetch origin tag v9)`);
  });
});
