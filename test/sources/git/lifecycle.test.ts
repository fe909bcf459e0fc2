import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitSource, GitSourceError } from "../../../src/sources/git-source.js";
import { TestRepo } from "../../support/git-repo.js";
import { childProcesses } from "./git-source-helpers.js";


describe("GitSource process lifecycle", () => {
  let repo: TestRepo;
  let scratch: string;
  let head: string;

  /** Children running in the test repository, and any zombie (which no longer has a working directory to tell). */
  const leftovers = (): string[] =>
    childProcesses()
      .filter((child) => child.cwd === repo.dir || child.state === "Z")
      .map((child) => `${child.comm}:${child.state === "Z" ? "zombie" : "alive"}`);

  beforeAll(() => {
    repo = TestRepo.create();
    repo.write("a.yaml", "a: 1\n").commit("one");
    head = repo.write("a.yaml", "a: 2\n").commit("two");
    scratch = mkdtempSync(join(tmpdir(), "fw-life-"));
  });

  afterAll(() => {
    repo?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("keeps two cat-file processes for all reads, and close() ends them without leaving zombies", async () => {
    expect(leftovers()).toEqual([]);
    const source = createGitSource({ repoDir: repo.dir });
    await source.changeSet({ base: "HEAD~1", head: "HEAD", commitContents: true });
    const tree = source.tree(head);
    await tree.readMany(["a.yaml"]);
    expect(leftovers()).toEqual(["git:alive", "git:alive"]);
    await source.close();
    expect(leftovers()).toEqual([]);
    await source.close(); // twice is fine
    await expect(tree.read("a.yaml")).rejects.toThrow("the git source is closed: create a new one");
    await expect(source.changeSet({ base: "HEAD~1", head: "HEAD" })).rejects.toThrow("the git source is closed");
    expect(() => source.tree(head)).toThrow("the git source is closed");
  });

  it("rejects pending and later reads with git's reason when cat-file dies", async () => {
    const dying = join(scratch, "dying-git");
    // cat-file --batch answers nothing: it reads one request, complains and exits, as a crashing git would.
    writeFileSync(
      dying,
      `#!/bin/sh\nif [ "$1" = "cat-file" ] && [ "$2" = "--batch" ]; then read line; echo "fatal: simulated crash" >&2; exit 3; fi\nexec git "$@"\n`,
    );
    chmodSync(dying, 0o755);
    const source = createGitSource({ repoDir: repo.dir, git: dying });
    const attempt = source.changeSet({ base: "HEAD~1", head: "HEAD" });
    await expect(attempt).rejects.toBeInstanceOf(GitSourceError);
    await expect(attempt).rejects.toThrow(
      /^git cat-file --batch stopped unexpectedly in .* \(exit 3\): fatal: simulated crash: retry; if it keeps happening check the repository with git fsck$/,
    );
    await expect(source.tree(head).read("a.yaml")).rejects.toThrow(/simulated crash/);
    await source.close();
    expect(leftovers()).toEqual([]);
  });

  it("close() ends per-call git processes still running, and waits for them", async () => {
    // A git that hangs on everything but the object readers: a sibling call still running when another one failed.
    const hanging = join(scratch, "hanging-git");
    writeFileSync(hanging, `#!/bin/sh\nif [ "$1" = "cat-file" ]; then exec git "$@"; fi\nexec sleep 60\n`);
    chmodSync(hanging, 0o755);
    const source = createGitSource({ repoDir: repo.dir, git: hanging });
    const outcome = source.changeSet({ base: head, head }).then(
      () => null,
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(leftovers().length).toBeGreaterThan(0);
    await source.close();
    expect(leftovers()).toEqual([]);
    expect(await outcome).toBeInstanceOf(GitSourceError);
  });

  it("ends the per-call git processes when a call fails", async () => {
    const source = createGitSource({ repoDir: repo.dir });
    await expect(source.changeSet({ base: "HEAD", head: "no-such-rev" })).rejects.toThrow(GitSourceError);
    await source.close();
    expect(leftovers()).toEqual([]);
  });

  it("never keeps Node alive when the caller forgets close()", () => {
    const module = fileURLToPath(new URL("../../../src/sources/git-source.ts", import.meta.url));
    const script = join(scratch, "forgetful.mts");
    writeFileSync(
      script,
      `import { createGitSource } from ${JSON.stringify(module)};\n` +
        `const source = createGitSource({ repoDir: ${JSON.stringify(repo.dir)} });\n` +
        `const changeSet = await source.changeSet({ base: "HEAD~1", head: "HEAD" });\n` +
        `console.log(changeSet.commits.length, changeSet.files.length);\n`,
    );
    const output = execFileSync(process.execPath, ["--import", "tsx", script], {
      cwd: fileURLToPath(new URL("../../..", import.meta.url)),
      encoding: "utf8",
      timeout: 15_000,
    });
    expect(output.trim()).toBe("1 1");
  });
});
