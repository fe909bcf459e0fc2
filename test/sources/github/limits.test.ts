import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GitHubApiError, GitHubLimitError } from "../../../src/sources/github-source.js";
import { GITHUB_LIMITS } from "../../support/fake-github.js";
import { TestRepo } from "../../support/git-repo.js";
import { expectSameAsGit, startHarness, type Harness } from "./github-harness.js";

const COMPARE = "GET /repos/{owner}/{repo}/compare/{basehead}";

/**
 * GitHub's listing caps (250 commits, 300/3,000 files, truncated trees, blob text), reached with small repositories by
 * lowering the fake's limits: the source pages past them another way and still builds git's exact ChangeSet, or it
 * throws a GitHubLimitError that says which limit and what to do. It never returns part of a change.
 */
describe("GitHubSource at GitHub's limits", () => {
  let repo: TestRepo;
  let harness: Harness;
  const c: Record<string, string> = {};

  beforeAll(async () => {
    repo = TestRepo.create();
    const files: Record<string, string> = {};
    for (let i = 0; i < 8; i += 1) files[`clusters/prod/team/app-${i}.yaml`] = `name: app-${i}\nreplicas: 1\n`;
    c.root = repo.writeAll(files).commit("root");
    for (let i = 0; i < 7; i += 1) c[`m${i}`] = repo.write(`clusters/prod/team/app-${i}.yaml`, `name: app-${i}\nreplicas: ${i + 2}\n`).commit(`change ${i}`);
    // One commit that deletes a file and adds a similar one elsewhere: only GitHub's listing says it is a rename.
    c.renamed = repo.remove("clusters/prod/team/app-7.yaml").write("clusters/staging/team/app-7.yaml", "name: app-7\nreplicas: 1\nzone: b\n").commit("move app-7");
    harness = await startHarness({ repoDir: repo.dir });
    await harness.fake.addPull({ number: 1, base: c.root, head: c.renamed });
  });

  afterEach(() => Object.assign(harness.fake.limits, GITHUB_LIMITS));

  afterAll(async () => {
    await harness?.close();
    repo?.dispose();
  });

  it("pages the compare past its commit cap (GitHub: 250 without pagination)", async () => {
    harness.fake.limits.compareCommits = 3;
    harness.fake.resetStats();
    const changeSet = await expectSameAsGit(harness, repo.dir, { base: c.root!, head: c.renamed! });
    expect(changeSet.commits).toHaveLength(8);
    expect(harness.fake.stats().byKind[COMPARE]).toBe(2);
  });

  it("reads only head's commit past the cap when only HEAD is verified", async () => {
    harness.fake.limits.compareCommits = 3;
    harness.fake.resetStats();
    await expectSameAsGit(harness, repo.dir, { base: c.root!, head: "main", headOnly: true });
    expect(harness.fake.stats().byKind).toMatchObject({ [COMPARE]: 1, "GET /repos/{owner}/{repo}/git/commits/{commit_sha}": 1 });
  });

  it("needs no file listing at all when the trees leave no rename to pair (GitHub: 300 / 3,000 files)", async () => {
    Object.assign(harness.fake.limits, { compareFiles: 2, pullFiles: 2, commitFiles: 2 });
    await expectSameAsGit(harness, repo.dir, { base: c.root!, head: c.m6! });
  });

  it("pairs renames from the pull request's listing when the compare's is cut short", async () => {
    harness.fake.limits.compareFiles = 2;
    const changeSet = await expectSameAsGit(harness, repo.dir, { base: c.root!, head: c.renamed!, pullNumber: 1 });
    expect(changeSet.files.find((f) => f.status === "renamed")).toMatchObject({ previousPath: "clusters/prod/team/app-7.yaml" });
  });

  it("fails closed when no listing covers the renames: compare cut short, no pull request", async () => {
    harness.fake.limits.compareFiles = 2;
    const error = await harness.source().changeSet({ base: c.root!, head: c.renamed! }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubLimitError);
    expect(error).toMatchObject({ limit: "compare-files", message: expect.stringMatching(/9 changed paths .* at most 300 files .* run `flux-warden check` locally/) });
  });

  it("fails closed when the pull request's listing is cut short too (GitHub: 3,000 files)", async () => {
    Object.assign(harness.fake.limits, { compareFiles: 2, pullFiles: 3 });
    const error = await harness.source().changeSet({ base: c.root!, head: c.renamed!, pullNumber: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "GitHubLimitError", limit: "pull-request-files", message: expect.stringMatching(/at most 3,000 files of a pull request/) });
  });

  it("fails closed when a commit's own listing is cut short (GitHub: 3,000 files a commit)", async () => {
    const big = TestRepo.create();
    const local = await startHarness({ repoDir: big.dir, limits: { commitFiles: 2, commitFilesPerPage: 1 } });
    try {
      const root = big.writeAll({ "a.yaml": "a: 1\nb: 2\n", "b.yaml": "b\n", "c.yaml": "c\n" }).commit("root");
      const head = big.remove("a.yaml").writeAll({ "moved/a.yaml": "a: 1\nb: 3\n", "b.yaml": "b2\n", "c.yaml": "c2\n" }).commit("move and edit");
      const error = await local.source().changeSet({ base: root, head }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "GitHubLimitError", limit: "commit-files", message: expect.stringContaining(`commit ${head} changes more files than GitHub lists`) });
      // Paged 1 file a page until GitHub's cap: the Link header was followed.
      expect(local.fake.stats().byKind["GET /repos/{owner}/{repo}/commits/{ref}"]).toBe(2);
    } finally {
      await local.close();
      big.dispose();
    }
  });

  it("walks a truncated recursive tree level by level (GitHub: 100,000 entries)", async () => {
    harness.fake.limits.treeEntries = 3;
    await expectSameAsGit(harness, repo.dir, { base: c.root!, head: c.renamed! });
    await expectSameAsGit(harness, repo.dir, { base: c.root!, head: c.renamed! }, { restLimit: 0 });
    const listing = await harness.source().tree(c.renamed!).list();
    expect(listing.map((e) => e.path)).toContain("clusters/staging/team/app-7.yaml");
    expect(listing).toHaveLength(8);
  });

  it("re-reads through REST a blob whose GraphQL text is truncated", async () => {
    harness.fake.limits.graphqlTextBytes = 8;
    harness.fake.resetStats();
    await expectSameAsGit(harness, repo.dir, { base: c.root!, head: c.renamed! }, { restLimit: 0, archiveMinFiles: 0 });
    expect(harness.fake.stats().byKind["GET /repos/{owner}/{repo}/git/blobs/{file_sha}"]).toBeGreaterThan(0);
  });

  it("fails closed with the status when GitHub refuses a blob (GitHub: 100 MB)", async () => {
    harness.fake.limits.blobBytes = 10;
    const error = await harness.source({ archiveMinFiles: 0 }).changeSet({ base: c.root!, head: c.m0! }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toMatchObject({ status: 403, message: expect.stringMatching(/git\/blobs\/[0-9a-f]{40} for clusters\/prod\/team\/app-0\.yaml .* HTTP 403 \(x-github-request-id FAKE:/) });
  });

  it("falls back to level-by-level tree reads when per-commit recursive reads would be too large", async () => {
    harness.fake.resetStats();
    await expectSameAsGit(harness, repo.dir, { base: c.root!, head: c.renamed! }, { recursiveEntries: 1 });
    // The merge base's recursive read tells the tree's size; the other trees are then read one level each.
    expect(harness.fake.stats().byKind["GET /repos/{owner}/{repo}/git/trees/{tree_sha}"]).toBeGreaterThan(9);
  });

  it("uses an archive only for what hashes to the blobs (export-subst and export-ignore change archives)", async () => {
    const archived = TestRepo.create();
    const local = await startHarness({ repoDir: archived.dir });
    try {
      const root = archived.writeAll({ ".gitattributes": "stamp.yaml export-subst\nhidden.yaml export-ignore\n", "plain.yaml": "p: 0\n", "stamp.yaml": "s: 0\n", "hidden.yaml": "h: 0\n" }).commit("root");
      const head = archived.writeAll({ "plain.yaml": "p: 1\n", "stamp.yaml": "commit: $Format:%H$\n", "hidden.yaml": "h: 1\n" }).commit("change");
      local.fake.resetStats();
      await expectSameAsGit(local, archived.dir, { base: root, head }, { archiveMinFiles: 1 });
      // Read one by one: hidden.yaml on both sides (left out of the archives), stamp.yaml at head (its $Format$ expanded).
      expect(local.fake.stats().byKind).toMatchObject({ "GET /repos/{owner}/{repo}/tarball/{ref}": 2, "GET /repos/{owner}/{repo}/git/blobs/{file_sha}": 3 });
    } finally {
      await local.close();
      archived.dispose();
    }
  });

  it("reads blob by blob when an archive cannot be had (it only ever saves requests)", async () => {
    const scope = nock(harness.fake.url, { allowUnmocked: true }).get(/\/tarball\//).times(2).reply(502, { message: "Bad Gateway" });
    try {
      harness.fake.resetStats();
      await expectSameAsGit(harness, repo.dir, { base: c.root!, head: c.renamed! }, { archiveMinFiles: 1 });
      expect(scope.isDone()).toBe(true);
      expect(harness.fake.stats().byKind["GET /repos/{owner}/{repo}/git/blobs/{file_sha}"]).toBe(16);
    } finally {
      nock.cleanAll();
    }
  });
});
