import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitSource, GitSourceError, type GitSource } from "../../../src/sources/git-source.js";
import { TestRepo } from "../../support/git-repo.js";
import { loggingGit, text } from "./git-source-helpers.js";

const ODD = "keys/new\nline \"key\".asc";

describe("GitSource tree reader", () => {
  let repo: TestRepo;
  let source: GitSource;
  let logging: ReturnType<typeof loggingGit>;
  let first: string;
  let head: string;

  beforeAll(() => {
    repo = TestRepo.create();
    first = repo.write(".github/flux-warden.yml", "version: 1\n").commit("policy v1");
    repo.writeAll({ ".github/flux-warden.yml": "version: 1\nunowned: allow\n", "keys/alice.asc": "ALICE\n", [ODD]: "ODD\n" });
    repo.write("clusters/tëam a/big.yaml", "z".repeat(300)).symlink("clusters/link.yaml", "../keys/alice.asc");
    repo.git("add", "-A");
    repo.git("update-index", "--add", "--cacheinfo", `160000,${first},vendor/lib`);
    repo.git("commit", "-q", "-m", "more");
    head = repo.rev("HEAD");
    // Uncommitted work-tree edits must never leak into what the tree reader returns.
    repo.write("keys/alice.asc", "EDITED\n");
    logging = loggingGit(repo);
    source = createGitSource({ repoDir: repo.dir, maxFileBytes: 256, git: logging.git });
  });

  afterAll(async () => {
    await source?.close();
    repo?.dispose();
  });

  it("lists every entry with its kind, object id and size", async () => {
    const entries = await source.tree(head).list();
    const oid = (path: string): string => repo.rev(`${head}:${path}`);
    expect([...entries].sort((a, b) => a.path.localeCompare(b.path))).toEqual(
      [
        { path: ".github/flux-warden.yml", kind: "file", oid: oid(".github/flux-warden.yml"), size: 26 },
        { path: "clusters/link.yaml", kind: "symlink", oid: oid("clusters/link.yaml"), size: 17 },
        { path: "clusters/tëam a/big.yaml", kind: "file", oid: oid("clusters/tëam a/big.yaml"), size: 300 },
        { path: "keys/alice.asc", kind: "file", oid: oid("keys/alice.asc"), size: 6 },
        { path: ODD, kind: "file", oid: repo.git("ls-tree", "--object-only", head, "--", ODD), size: 4 },
        { path: "vendor/lib", kind: "submodule", oid: first, size: -1 },
      ].sort((a, b) => a.path.localeCompare(b.path)),
    );
  });

  it("reads committed bytes, null for a missing path, and an old commit's own version", async () => {
    const tree = source.tree(head);
    expect(text(await tree.read("keys/alice.asc"))).toBe("ALICE\n");
    expect(text(await tree.read(ODD))).toBe("ODD\n");
    expect(text(await tree.read("clusters/link.yaml"))).toBe("../keys/alice.asc");
    expect(await tree.read("keys/nobody.asc")).toBeNull();
    expect(await tree.read("keys")).toBeNull(); // a directory is not a file
    expect(text(await source.tree(first).read(".github/flux-warden.yml"))).toBe("version: 1\n");
  });

  it("throws a clear error for a file over maxFileBytes and for a submodule", async () => {
    const tree = source.tree(head);
    await expect(tree.read("clusters/tëam a/big.yaml")).rejects.toThrow(
      `clusters/tëam a/big.yaml at ${head} is 300 bytes, over the 256-byte limit: it is not read`,
    );
    await expect(tree.read("vendor/lib")).rejects.toThrow(/is a submodule/);
    await expect(tree.readMany(["keys/alice.asc", "clusters/tëam a/big.yaml"])).rejects.toBeInstanceOf(GitSourceError);
  });

  it("reads many files through the shared process, leaving missing ones out", async () => {
    const found = await source.tree(head).readMany(["keys/alice.asc", "missing.yaml", ODD, ".github/flux-warden.yml"]);
    expect([...found].map(([path, bytes]) => [path, text(bytes)])).toEqual([
      ["keys/alice.asc", "ALICE\n"],
      [ODD, "ODD\n"],
      [".github/flux-warden.yml", "version: 1\nunowned: allow\n"],
    ]);
  });

  it("lists a tree once however often it is read", async () => {
    const tree = source.tree(head);
    const before = logging.invocations().filter((line) => line.startsWith("ls-tree")).length;
    await Promise.all([tree.list(), tree.read("keys/alice.asc"), tree.readMany(["keys/alice.asc"])]);
    await tree.list();
    expect(logging.invocations().filter((line) => line.startsWith("ls-tree")).length - before).toBe(1);
  });

  it("resolves a symbolic revision to its commit, and refuses an unknown one", async () => {
    expect(source.tree("HEAD").commit).toBe(head);
    expect(source.tree("HEAD~1").commit).toBe(first);
    expect(() => source.tree("no-such-branch")).toThrow(/unknown revision no-such-branch in .*: check the name or fetch it first/);
    await expect(source.tree("0".repeat(40)).list()).rejects.toThrow(GitSourceError);
  });

  it("lists the whole tree when repoDir is a subdirectory of the work tree", async () => {
    const nested = createGitSource({ repoDir: join(repo.dir, "keys") });
    try {
      expect((await nested.tree(head).list()).map((e) => e.path)).toContain(".github/flux-warden.yml");
      expect(text(await nested.tree(head).read(".github/flux-warden.yml"))).toBe("version: 1\nunowned: allow\n");
    } finally {
      await nested.close();
    }
  });
});
