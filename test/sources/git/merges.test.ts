import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitSource, type GitSource } from "../../../src/sources/git-source.js";
import { TestRepo } from "../../support/git-repo.js";
import { generateSshKey } from "../../support/ssh.js";
import { gitBytes, reassembleSignedCommit, text } from "./git-source-helpers.js";

const APP = "clusters/prod/payments/app.yaml";
const FLUX = "clusters/prod/platform/flux.yaml";

/**
 * root ─ feature(F1) ──────────┐
 *   ├── main(M1) ── clean(C1) ─┴─ conflict(C2) ── evil(C3)
 *   ├── hotfix(H1) ────────────────┘              /
 *   ├── release(X)                docs(D1) ───────┘   (docs branches off C2)
 */
describe("GitSource merges and ranges", () => {
  let repo: TestRepo;
  let source: GitSource;
  let sshDir: string;
  const c: Record<string, string> = {};

  beforeAll(() => {
    sshDir = mkdtempSync(join(tmpdir(), "fw-ssh-"));
    const key = generateSshKey(sshDir, "merger");
    repo = TestRepo.create();
    c.root = repo.writeAll({ [APP]: "replicas: 1\nimage: app:1\n", [FLUX]: "interval: 1m\n", "README.md": "readme\n" }).commit("root");
    c.F1 = repo.checkout("feature", true).write(APP, "replicas: 2\nimage: app:1\n").commit("feature");
    c.H1 = repo.checkout(c.root, false).checkout("hotfix", true).write(APP, "replicas: 5\nimage: app:1\n").commit("hotfix");
    c.X = repo.checkout(c.root, false).checkout("release", true).write("README.md", "release notes\n").commit("release");
    c.M1 = repo.checkout("main").write(FLUX, "interval: 5m\n").commit("main change");
    c.C1 = repo.merge("feature", "clean merge");
    expect(() => repo.git("merge", "-q", "--no-ff", "hotfix")).toThrow();
    expect(repo.git("diff", "--name-only", "--diff-filter=U")).toBe(APP);
    // Resolved to neither side: the merge author decides the content.
    c.C2 = repo.write(APP, "replicas: 7\nimage: app:1\n").commit("resolve conflict", { ssh: key });
    c.D1 = repo.checkout("docs", true).write("docs/x.md", "docs\n").commit("docs");
    repo.checkout("main").git("merge", "-q", "--no-ff", "--no-commit", "docs");
    c.C3 = repo.write(FLUX, "interval: 5m\nsuspend: true\n").commit("evil merge");
    source = createGitSource({ repoDir: repo.dir });
  });

  afterAll(async () => {
    await source?.close();
    repo?.dispose();
    rmSync(sshDir, { recursive: true, force: true });
  });

  it("lists every commit of base..head, merges included, parents before children", async () => {
    const changeSet = await source.changeSet({ base: c.root!, head: "main" });
    const order = changeSet.commits.map((commit) => commit.sha);
    expect(new Set(order)).toEqual(new Set([c.F1, c.M1, c.C1, c.H1, c.C2, c.D1, c.C3]));
    expect(order).toHaveLength(7);
    for (const [index, commit] of changeSet.commits.entries()) {
      for (const parent of commit.parents) if (parent !== c.root) expect(order.indexOf(parent)).toBeLessThan(index);
    }
    expect(changeSet.commits.find((commit) => commit.sha === c.C2)?.parents).toEqual([c.C1, c.H1]);
  });

  it("gives a clean merge no files of its own", async () => {
    const { commits } = await source.changeSet({ base: c.root!, head: c.C1! });
    expect(commits.find((commit) => commit.sha === c.C1)?.files).toEqual([]);
  });

  it("gives a conflict resolution the paths it resolved, described against the first parent", async () => {
    const { commits } = await source.changeSet({ base: c.C1!, head: c.C2!, commitContents: true });
    const merge = commits.find((commit) => commit.sha === c.C2);
    expect(merge?.files.map((f) => [f.status, f.path, text(f.base?.content), text(f.head?.content)])).toEqual([
      ["modified", APP, "replicas: 2\nimage: app:1\n", "replicas: 7\nimage: app:1\n"],
    ]);
  });

  it("reads a signed merge commit byte-exact", async () => {
    const { commits } = await source.changeSet({ base: c.C1!, head: c.C2! });
    const merge = commits.find((commit) => commit.sha === c.C2)!;
    expect(merge.signature).toMatch(/^-----BEGIN SSH SIGNATURE-----/);
    const rebuilt = reassembleSignedCommit(merge.payload, merge.signature!);
    expect(gitBytes(repo, ["hash-object", "-t", "commit", "--stdin"], rebuilt).toString().trim()).toBe(c.C2);
  });

  it("gives an evil merge only the change the merge itself made, not what it took from a parent", async () => {
    const { commits } = await source.changeSet({ base: c.C2!, head: c.C3! });
    const merge = commits.find((commit) => commit.sha === c.C3);
    expect(merge?.files.map((f) => [f.status, f.path])).toEqual([["modified", FLUX]]);
    expect(commits.find((commit) => commit.sha === c.D1)?.files.map((f) => f.path)).toEqual(["docs/x.md"]);
  });

  it("takes a base that is not an ancestor of head: commits base..head, net change from the merge base", async () => {
    const changeSet = await source.changeSet({ base: "release", head: "main" });
    expect(changeSet.base).toBe(c.X);
    expect(changeSet.mergeBase).toBe(c.root);
    expect(changeSet.commits).toHaveLength(7);
    expect(changeSet.commits.map((commit) => commit.sha)).not.toContain(c.X);
    // README.md changed only on the base's side: a base→head diff would show it, the pull request view does not.
    expect(changeSet.files.map((f) => [f.status, f.path, text(f.base?.content), text(f.head?.content)])).toEqual([
      ["modified", APP, "replicas: 1\nimage: app:1\n", "replicas: 7\nimage: app:1\n"],
      ["modified", FLUX, "interval: 1m\n", "interval: 5m\nsuspend: true\n"],
      ["added", "docs/x.md", null, "docs\n"],
    ]);
  });

  it("lists only HEAD with headOnly, keeping the full net change", async () => {
    const full = await source.changeSet({ base: c.root!, head: "main" });
    const headOnly = await source.changeSet({ base: c.root!, head: "main", headOnly: true });
    expect(headOnly.commits.map((commit) => commit.sha)).toEqual([c.C3]);
    expect(headOnly.commits[0]?.files.map((f) => f.path)).toEqual([FLUX]);
    expect(headOnly.files).toEqual(full.files);
  });

  it("lists nothing with headOnly when head is already contained in base", async () => {
    const changeSet = await source.changeSet({ base: "main", head: c.F1!, headOnly: true });
    expect(changeSet.mergeBase).toBe(c.F1);
    expect(changeSet.commits).toEqual([]);
    expect(changeSet.files).toEqual([]);
  });

  it("loads per-commit contents only when asked (commitContents)", async () => {
    const without = await source.changeSet({ base: c.root!, head: c.F1! });
    const withContents = await source.changeSet({ base: c.root!, head: c.F1!, commitContents: true });
    const file = (cs: typeof without) => cs.commits[0]?.files[0];
    expect(file(without)?.base?.content).toBeNull();
    expect(file(without)?.head).toMatchObject({ kind: "file", mode: "100644", size: 25, content: null });
    expect(text(file(withContents)?.base?.content)).toBe("replicas: 1\nimage: app:1\n");
    expect(text(file(withContents)?.head?.content)).toBe("replicas: 2\nimage: app:1\n");
    expect(text(without.files[0]?.head?.content)).toBe("replicas: 2\nimage: app:1\n");
  });

  it("handles an octopus merge: three parents, and only what the merge itself changed", async () => {
    const octopus = TestRepo.create();
    try {
      const start = octopus.writeAll({ "a.yaml": "a\n", "b.yaml": "b\n", "c.yaml": "c\n" }).commit("root");
      octopus.checkout("one", true).write("a.yaml", "a1\n").commit("one");
      octopus.checkout(start).checkout("two", true).write("b.yaml", "b2\n").commit("two");
      octopus.checkout("main").git("merge", "-q", "--no-ff", "--no-commit", "one", "two");
      const merge = octopus.write("c.yaml", "c-evil\n").commit("octopus");
      const octopusSource = createGitSource({ repoDir: octopus.dir });
      const { commits } = await octopusSource.changeSet({ base: start, head: merge, commitContents: true });
      await octopusSource.close();
      const last = commits[commits.length - 1];
      expect(last?.parents).toHaveLength(3);
      expect(last?.files.map((f) => [f.status, f.path, text(f.base?.content), text(f.head?.content)])).toEqual([
        ["modified", "c.yaml", "c\n", "c-evil\n"],
      ]);
    } finally {
      octopus.dispose();
    }
  });
});
