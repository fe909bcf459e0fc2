import { describe, expect, it } from "vitest";
import { buildRepoIndex, EMPTY_REPO_INDEX, extendRepoIndex } from "../../src/manifests/repo-index.js";
import type { TreeEntry, TreeReader } from "../../src/sources/change-set.js";
import { fileChange } from "../rules/support/file-change.js";

function tree(files: Record<string, string>): TreeReader {
  const bytes = (text: string) => new TextEncoder().encode(text);
  return {
    commit: "b".repeat(40),
    list: async () => Object.entries(files).map(([path, text]): TreeEntry => ({ path, kind: "file", oid: "0".repeat(40), size: text.length })),
    read: async (path) => (path in files ? bytes(files[path]!) : null),
    readMany: async (paths) => new Map(paths.filter((p) => p in files).map((p) => [p, bytes(files[p]!)])),
  };
}

const POLICY = "apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImagePolicy\nmetadata:\n  name: api\n  namespace: flux-system\nspec:\n  imageRepositoryRef:\n    name: api\n  policy:\n    semver:\n      range: 1.x\n";
const REPOSITORY = "apiVersion: image.toolkit.fluxcd.io/v1beta2\nkind: ImageRepository\nmetadata:\n  name: api\nspec:\n  image: ghcr.io/acme/api\n";

describe("the repository index's image-automation objects", () => {
  it("holds the base tree's ImagePolicy and ImageRepository objects, namespace as written", async () => {
    const index = await buildRepoIndex(tree({ "clusters/prod/images.yaml": `${POLICY}---\n${REPOSITORY}`, "clusters/prod/app.yaml": "kind: ConfigMap\n" }), []);
    expect(index.imageObjects).toEqual([
      { kind: "ImagePolicy", namespace: "flux-system", name: "api", path: "clusters/prod/images.yaml", spec: { imageRepositoryRef: { name: "api" }, policy: { semver: { range: "1.x" } } } },
      { kind: "ImageRepository", namespace: null, name: "api", path: "clusters/prod/images.yaml", spec: { image: "ghcr.io/acme/api" } },
    ]);
  });

  it("never takes them from the change under review", async () => {
    const change = fileChange("clusters/prod/images.yaml", { head: POLICY });
    expect((await buildRepoIndex(tree({}), [change])).imageObjects).toEqual([]);
    expect(extendRepoIndex(EMPTY_REPO_INDEX, [change]).imageObjects).toEqual([]);
  });
});
