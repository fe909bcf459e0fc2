import { afterAll, describe, expect, it } from "vitest";
import { createTrustCache } from "../../src/trust/trust-cache.js";
import { runCheck } from "../../src/check/run-check.js";
import { createGitSource } from "../../src/sources/git-source.js";
import type { ChangeSetSource, TreeReader } from "../../src/sources/change-set.js";
import type { Trust } from "../../src/engine/evaluate.js";
import { createExampleFleet } from "../support/example-fleet.js";

const SHA = "a".repeat(40);
const trust = (tag: string) => ({ policyRef: { path: tag } }) as unknown as Trust;

describe("createTrustCache", () => {
  it("loads a base commit once and serves it again", async () => {
    const cache = createTrustCache();
    let loads = 0;
    const load = async () => trust(`load-${++loads}`);
    const first = await cache.get(SHA, load);
    const second = await cache.get(SHA, load);
    expect(second).toBe(first);
    expect(loads).toBe(1);
  });

  it("never caches a branch name (it moves), nor a failed load", async () => {
    const cache = createTrustCache();
    let loads = 0;
    await cache.get("main", async () => trust(`${++loads}`));
    await cache.get("main", async () => trust(`${++loads}`));
    expect(loads).toBe(2);
    await expect(cache.get(SHA, async () => Promise.reject(new Error("GitHub said 502")))).rejects.toThrow("502");
    expect((await cache.get(SHA, async () => trust("recovered"))).policyRef.path).toBe("recovered");
  });

  it("forgets the least recently used base beyond its size", async () => {
    const cache = createTrustCache(2);
    const shas = ["1", "2", "3"].map((c) => c.repeat(40));
    let loads = 0;
    const load = async () => trust(`${++loads}`);
    for (const sha of shas) await cache.get(sha, load);
    await cache.get(shas[2]!, load);
    await cache.get(shas[1]!, load);
    expect(loads).toBe(3);
    await cache.get(shas[0]!, load);
    expect(loads).toBe(4);
  });
});

describe("runCheck with a trust cache", () => {
  const fleet = createExampleFleet();
  afterAll(() => fleet.dispose());

  it("reads the base tree once for two changes against the same base, with the same verdicts", async () => {
    fleet.repo.checkout("a", true).write("clusters/production/payments/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: payments }\n");
    const a = fleet.repo.commit("a", { gpg: fleet.payments });
    fleet.repo.checkout("main").checkout("b", true).write("clusters/production/payments/b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: b, namespace: payments }\n");
    const b = fleet.repo.commit("b");
    const git = createGitSource({ repoDir: fleet.repo.dir });
    let baseReads = 0;
    // Count what the pipeline asks of the base tree: with the cache, the second change asks nothing.
    const source: ChangeSetSource = {
      changeSet: (request) => git.changeSet(request),
      tree: (ref) => {
        const tree = git.tree(ref);
        const counted: TreeReader = { commit: tree.commit, list: () => (baseReads++, tree.list()), read: (p) => tree.read(p), readMany: (p) => tree.readMany(p) };
        return counted;
      },
    };
    const cache = createTrustCache();
    try {
      const first = await runCheck({ source, request: { base: fleet.base, head: a }, now: new Date(), trustCache: cache });
      const readsAfterFirst = baseReads;
      const second = await runCheck({ source, request: { base: fleet.base, head: b }, now: new Date(), trustCache: cache });
      expect(readsAfterFirst).toBeGreaterThan(0);
      expect(baseReads).toBe(readsAfterFirst);
      expect([first.conclusion, second.conclusion]).toEqual(["success", "failure"]);
      expect(second.policy).toEqual(first.policy);
    } finally {
      git.close();
    }
  });
});
