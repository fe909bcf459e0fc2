import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitSource } from "../../../src/sources/git-source.js";
import { TestRepo } from "../../support/git-repo.js";
import { buildFleet, LIMIT, ODD, P, SPACED, type Fleet } from "./fleet-fixture.js";
import { expectSameAsGit, startHarness, type Harness } from "./github-harness.js";

const text = (bytes: Uint8Array | null | undefined): string | null => (bytes ? Buffer.from(bytes).toString("utf8") : null);

/**
 * The key property: for the same repository and request, the API source (through the fake GitHub) builds exactly the
 * ChangeSet the local git source builds — commits byte-exact with their signatures, files with their versions — with
 * either strategy (REST fan-out, or batched GraphQL).
 */
describe("GitHubSource builds the local git source's ChangeSet", () => {
  let fleet: Fleet;
  let harness: Harness;

  beforeAll(async () => {
    fleet = buildFleet();
    harness = await startHarness({ repoDir: fleet.repo.dir });
  });

  afterAll(async () => {
    await harness?.close();
    fleet?.dispose();
  });

  for (const [strategy, restLimit] of [["REST", 100], ["GraphQL", 0]] as const) {
    describe(`through ${strategy}`, () => {
      const options = { restLimit, maxFileBytes: LIMIT };

      it("for a history with merges, renames, deletions, symlinks, binary, large and odd-named files and a submodule", async () => {
        const { c } = fleet;
        const changeSet = await expectSameAsGit(harness, fleet.repo.dir, { base: c.root!, head: c.F6! }, options);
        expect(changeSet.commits).toHaveLength(9);
        const paths = changeSet.files.map((f) => f.path);
        expect(paths).toEqual(expect.arrayContaining([ODD, SPACED, "vendor/lib", `${P}/logo.png`]));
        const logo = changeSet.files.find((f) => f.path === `${P}/logo.png`);
        expect(logo?.head).toMatchObject({ kind: "file", binary: true });
        expect(changeSet.files.find((f) => f.path === `${P}/big.yaml`)?.head).toMatchObject({ tooLarge: true, content: null });
        expect(text(changeSet.files.find((f) => f.path === `${P}/escape.yaml`)?.head?.content)).toBe("../../../../etc/passwd");
        expect(changeSet.files.find((f) => f.path === "vendor/lib")?.head).toMatchObject({ kind: "submodule", size: -1, content: null });
      });

      it("with per-commit contents", async () => {
        await expectSameAsGit(harness, fleet.repo.dir, { base: fleet.c.root!, head: fleet.c.F6!, commitContents: true }, options);
      });

      it("for diverged branches (the net change starts at the merge base)", async () => {
        const changeSet = await expectSameAsGit(harness, fleet.repo.dir, { base: fleet.c.H1!, head: fleet.c.F2! }, options);
        expect(changeSet.mergeBase).toBe(fleet.c.root);
      });

      it("for branch names, and for HEAD only", async () => {
        await expectSameAsGit(harness, fleet.repo.dir, { base: "main", head: "feature" }, options);
        const headOnly = await expectSameAsGit(harness, fleet.repo.dir, { base: "main", head: "feature", headOnly: true }, options);
        expect(headOnly.commits.map((commit) => commit.sha)).toEqual([fleet.c.F6]);
      });

      it("for an empty range (head already in base)", async () => {
        const changeSet = await expectSameAsGit(harness, fleet.repo.dir, { base: fleet.c.F6!, head: fleet.c.F2! }, options);
        expect(changeSet).toMatchObject({ commits: [], files: [], mergeBase: fleet.c.F2 });
      });

      it("reads the base tree as the local tree reader does", async () => {
        const base = fleet.c.F6!;
        const local = createGitSource({ repoDir: fleet.repo.dir, maxFileBytes: LIMIT });
        try {
          const [remoteTree, localTree] = [harness.source(options).tree(base), local.tree(base)];
          expect(await remoteTree.list()).toEqual(await localTree.list());
          const paths = [`${P}/run.sh`, `${P}/escape.yaml`, `${P}/latin1.txt`, `${P}/logo.png`, ODD, "missing.yaml"];
          expect(await remoteTree.readMany(paths)).toEqual(await localTree.readMany(paths));
          expect(await remoteTree.read("missing.yaml")).toBeNull();
          await expect(remoteTree.read(`${P}/big.yaml`)).rejects.toThrow(/over the 4096-byte limit/);
          await expect(remoteTree.read("vendor/lib")).rejects.toThrow(/is a submodule/);
        } finally {
          await local.close();
        }
      });
    });
  }

  it("recovers an unsigned commit's exact bytes although REST dates lose the time zone", async () => {
    const repo = TestRepo.create();
    const local = await startHarness({ repoDir: repo.dir });
    try {
      const root = repo.write("a.yaml", "a\n").commit("root", null, { date: "2026-01-01T10:00:00+05:30" });
      repo.checkout("b", true).write("b.yaml", "b\n").commit("no final newline is added by git -m", null, { date: "2026-01-02T10:00:00-08:00" });
      repo.checkout(root).checkout("c", true).write("c.yaml", "c\n").commit("subject\n\nbody\n", null, { date: "2026-01-03T10:00:00+09:45" });
      repo.checkout("b").git("merge", "-q", "--no-ff", "-m", "octopus-free merge", "c");
      const changeSet = await expectSameAsGit(local, repo.dir, { base: root, head: "b" });
      expect(Buffer.from(changeSet.commits[0]!.payload).toString("utf8")).toMatch(/ [-+]\d{4}\n/);
    } finally {
      await local.close();
      repo.dispose();
    }
  });
});
