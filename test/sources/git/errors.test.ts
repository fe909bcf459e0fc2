import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitSource, GitSourceError } from "../../../src/sources/git-source.js";
import { TestRepo } from "../../support/git-repo.js";

describe("GitSource errors", () => {
  let repo: TestRepo;
  let scratch: string;

  beforeAll(() => {
    repo = TestRepo.create();
    repo.write("a.yaml", "a: 1\n").commit("one");
    repo.write("a.yaml", "a: 2\n").commit("two");
    repo.git("remote", "add", "origin", "https://git.example.invalid/fleet.git");
    scratch = mkdtempSync(join(tmpdir(), "fw-not-a-repo-"));
  });

  afterAll(() => {
    repo?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("says how to fetch a remote-tracking branch that is not there", async () => {
    const source = createGitSource({ repoDir: repo.dir });
    const attempt = source.resolve("origin/main");
    await expect(attempt).rejects.toBeInstanceOf(GitSourceError);
    await expect(attempt).rejects.toThrow(`unknown revision origin/main in ${repo.dir}: fetch it first (git fetch origin main)`);
    await expect(source.changeSet({ base: "origin/main", head: "HEAD" })).rejects.toThrow(/unknown revision origin\/main/);
    await source.close();
  });

  it("resolves commit-ishes to full shas", async () => {
    const source = createGitSource({ repoDir: repo.dir });
    expect(await source.resolve("HEAD~1")).toBe(repo.rev("HEAD~1"));
    expect(await source.resolve(repo.rev("HEAD").slice(0, 10))).toBe(repo.rev("HEAD"));
    await expect(source.resolve("--all")).rejects.toThrow(/unknown revision --all/);
    await expect(source.resolve("HEAD~5")).rejects.toThrow(/the history does not reach that far, or the name is wrong/);
    await expect(source.resolve("f".repeat(40))).rejects.toThrow(/the commit is not in this clone: fetch it \(git fetch origin f{40}\)/);
    await source.close();
  });

  it("suggests deepening a shallow clone", async () => {
    const clone = join(scratch, "shallow");
    execFileSync("git", ["clone", "-q", "--depth", "1", `file://${repo.dir}`, clone], { stdio: "ignore" });
    const source = createGitSource({ repoDir: clone });
    await expect(source.resolve("HEAD~1")).rejects.toThrow(/this clone is shallow: fetch the history too \(git fetch --unshallow\)/);
    await source.close();
  });

  it("names a directory that is not a git repository, with git's own line", async () => {
    const source = createGitSource({ repoDir: scratch });
    const attempt = source.changeSet({ base: "HEAD~1", head: "HEAD" });
    await expect(attempt).rejects.toThrow(`git rev-parse failed in ${scratch} (exit 128): fatal: not a git repository`);
    await expect(attempt).rejects.toThrow(`${scratch} is not a git repository: run in a clone or pass --repo DIR`);
    await expect(source.tree("0".repeat(40)).list()).rejects.toThrow(/not a git repository/);
    await source.close();
  });

  it("names a directory that does not exist, and a git that cannot be run", async () => {
    const missing = join(scratch, "nowhere");
    await expect(createGitSource({ repoDir: missing }).resolve("HEAD")).rejects.toThrow(
      `repository directory ${missing} does not exist: pass the path of a clone`,
    );
    await expect(createGitSource({ repoDir: repo.dir, git: "/nonexistent/git" }).resolve("HEAD")).rejects.toThrow(
      /cannot run git \(\/nonexistent\/git not found\)/,
    );
  });

  it("refuses a base and head with no common history", async () => {
    repo.git("checkout", "-q", "--orphan", "unrelated");
    repo.write("b.yaml", "b: 1\n").commit("unrelated root");
    repo.checkout("main");
    const source = createGitSource({ repoDir: repo.dir });
    await expect(source.changeSet({ base: "main", head: "unrelated" })).rejects.toThrow(
      /have no common history \(no merge base\)/,
    );
    await source.close();
  });

  it("fails closed when an object is missing (a partial or damaged clone)", async () => {
    const damaged = TestRepo.create();
    try {
      const base = damaged.write("a.yaml", "a: 1\n").commit("one");
      const head = damaged.write("secret.yaml", "kind: Secret\n").commit("two");
      const blob = damaged.rev("HEAD:secret.yaml");
      rmSync(join(damaged.dir, ".git", "objects", blob.slice(0, 2), blob.slice(2)));
      const source = createGitSource({ repoDir: damaged.dir });
      await expect(source.changeSet({ base, head })).rejects.toThrow(
        `object ${blob} (secret.yaml) is not in the repository: the clone is partial or shallow`,
      );
      await expect(source.tree(head).read("secret.yaml")).rejects.toThrow(`secret.yaml at ${head} (blob ${blob}) is missing`);
      expect(await source.tree(head).read("a.yaml")).not.toBeNull(); // the process survives a missing object
      await source.close();
    } finally {
      damaged.dispose();
    }
  });

  it("refuses a negative or fractional size limit", () => {
    expect(() => createGitSource({ repoDir: repo.dir, maxFileBytes: -1 })).toThrow(/maxFileBytes must be a whole number/);
    expect(() => createGitSource({ repoDir: repo.dir, maxFileBytes: 1.5 })).toThrow(GitSourceError);
  });
});
