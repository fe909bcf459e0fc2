import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GitHubSource } from "../../../src/sources/github-source.js";
import { startHarness, type Harness } from "./github-harness.js";
import { buildSyntheticPr, type SyntheticPr } from "./synthetic-pr.js";

const COMPARE = "GET /repos/{owner}/{repo}/compare/{basehead}";
const TREES = "GET /repos/{owner}/{repo}/git/trees/{tree_sha}";
const BLOBS = "GET /repos/{owner}/{repo}/git/blobs/{file_sha}";
const TARBALL = "GET /repos/{owner}/{repo}/tarball/{ref}";

/** What the app reads from the base after the change set: the policy, the listing, then every YAML file (a repository scan). */
async function scanBase(source: GitHubSource, base: string): Promise<void> {
  const tree = source.tree(base);
  await tree.read(".github/flux-warden.yml");
  const yaml = (await tree.list()).filter((entry) => entry.path.endsWith(".yaml")).map((entry) => entry.path);
  for (let i = 0; i < yaml.length; i += 200) await tree.readMany(yaml.slice(i, i + 200));
}

/**
 * Exact request counts by kind: API requests are the app's main cost, so a change that adds one fails here. The
 * source's own counter and the fake's agree (nothing is hidden from either).
 */
describe("GitHubSource request counts", () => {
  const cases: Array<{ commits: number; files: number; pr?: SyntheticPr; harness?: Harness }> = [
    { commits: 1, files: 3 },
    { commits: 20, files: 50 },
    { commits: 250, files: 300 },
  ];

  beforeAll(async () => {
    for (const c of cases) {
      c.pr = buildSyntheticPr(c.commits, c.files);
      c.harness = await startHarness({ repoDir: c.pr.repo.dir });
      await c.harness.fake.addPull({ number: 7, base: c.pr.base, head: c.pr.head });
    }
  }, 300_000);

  afterAll(async () => {
    for (const c of cases) {
      await c.harness?.close();
      c.pr?.dispose();
    }
  });

  async function measure(index: number, options: { restLimit?: number } = {}): Promise<{ changeSet: Record<string, number>; withScan: Record<string, number> }> {
    const { pr, harness } = cases[index]!;
    harness!.fake.resetStats();
    const source = harness!.source(options);
    const changeSet = await source.changeSet({ base: pr!.base, head: pr!.head, pullNumber: 7 });
    expect(changeSet.commits).toHaveLength(cases[index]!.commits);
    expect(changeSet.files).toHaveLength(cases[index]!.files);
    const afterChangeSet = source.stats();
    await scanBase(source, changeSet.base);
    expect(harness!.fake.stats()).toEqual(source.stats());
    return { changeSet: afterChangeSet.byKind, withScan: source.stats().byKind };
  }

  it("1 commit, 3 files: two recursive tree reads and six blobs, all REST; the base scan is one tarball", async () => {
    const counts = await measure(0);
    expect(counts.changeSet).toEqual({ [COMPARE]: 1, [TREES]: 2, [BLOBS]: 6 });
    expect(counts.withScan).toEqual({ [COMPARE]: 1, [TREES]: 2, [BLOBS]: 7, [TARBALL]: 1 });
  });

  it("20 commits, 50 files: 24 REST requests and no GraphQL (no wait for the throttled GraphQL slot)", async () => {
    const counts = await measure(1);
    expect(counts.changeSet).toEqual({ [COMPARE]: 1, [TREES]: 21, [TARBALL]: 2 });
    // The base is the merge base: its listing and its archive were already read.
    expect(counts.withScan).toEqual(counts.changeSet);
  });

  it("20 commits, 50 files with GraphQL preferred: 7 requests", async () => {
    const counts = await measure(1, { restLimit: 0 });
    expect(counts.changeSet).toEqual({ [COMPARE]: 1, "graphql FluxWardenTrees": 5, "graphql FluxWardenBlobs": 1 });
  });

  it("250 commits, 300 files: 9 requests, 12 with the base scan (target: 20)", async () => {
    const counts = await measure(2);
    expect(counts.changeSet).toEqual({ [COMPARE]: 1, "graphql FluxWardenTrees": 6, "graphql FluxWardenBlobs": 2 });
    expect(counts.withScan).toEqual({ ...counts.changeSet, [TREES]: 1, [BLOBS]: 1, [TARBALL]: 1 });
  });
});
