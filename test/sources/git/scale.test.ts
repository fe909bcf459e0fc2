import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitSource } from "../../../src/sources/git-source.js";
import { TestRepo } from "../../support/git-repo.js";
import { fastImportHistory } from "./fast-import-history.js";
import { loggingGit } from "./git-source-helpers.js";

const COUNT = 5000;

describe("GitSource at scale", () => {
  let repo: TestRepo;
  let root: string;

  beforeAll(() => {
    repo = TestRepo.create();
    root = fastImportHistory(repo, COUNT);
  });

  afterAll(() => repo?.dispose());

  it(`reads a ${COUNT}-commit range with a fixed handful of git processes`, async () => {
    const logging = loggingGit(repo);
    const source = createGitSource({ repoDir: repo.dir, git: logging.git });
    try {
      const changeSet = await source.changeSet({ base: root, head: "main" });
      expect(changeSet.commits).toHaveLength(COUNT);
      expect(changeSet.commits[0]?.parents).toEqual([root]);
      expect(changeSet.commits[COUNT - 1]?.sha).toBe(repo.rev("main"));
      expect(changeSet.commits.every((c, i) => i === 0 || c.parents[0] === changeSet.commits[i - 1]?.sha)).toBe(true);
      expect(changeSet.commits.map((c) => c.message)).toEqual(Array.from({ length: COUNT }, (_, i) => `commit ${i + 1}`));
      expect(changeSet.commits[249]?.files.map((f) => [f.status, f.previousPath, f.path]).sort()).toEqual([
        ["modified", null, "clusters/c10/f50.yaml"],
        ["renamed", "clusters/README-0.md", "clusters/README-250.md"],
      ]);
      expect(changeSet.commits[250]?.files.map((f) => [f.status, f.path])).toEqual([["modified", "clusters/c11/f51.yaml"]]);
      expect(changeSet.files).toHaveLength(101);
      expect(changeSet.files.find((f) => f.status === "renamed")).toMatchObject({
        previousPath: "clusters/README-0.md",
        path: `clusters/README-${COUNT}.md`,
      });
      // rev-parse ×2, merge-base, rev-list, diff-tree ×2, cat-file ×2: never one process per commit.
      expect(logging.invocations().length).toBeLessThanOrEqual(10);
    } finally {
      await source.close();
    }
  });
});
