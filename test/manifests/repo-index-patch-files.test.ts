import { describe, expect, it } from "vitest";
import { PATCH_TEXT_BUDGET } from "../../src/manifests/collect-patch-files.js";
import { buildRepoIndex } from "../../src/manifests/repo-index.js";
import type { TreeEntry, TreeReader } from "../../src/sources/change-set.js";
import { treeOf } from "../rules/support/tree-reader.js";

/** The repository index's patch files: which base files it keeps as text, which it knows it could not read. */

const KUSTOMIZATION = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";
const OPS = "- op: add\n  path: /spec/template/spec/hostPID\n  value: true\n";
const DEPLOYMENT_PATCH = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      hostNetwork: true\n";

async function patchFiles(files: Record<string, string>, tree: TreeReader = treeOf(files)) {
  return Object.fromEntries([...(await buildRepoIndex(tree, [])).patchFiles].map(([path, file]) => [path, "text" in file ? "text" : file.unread]));
}

describe("buildRepoIndex: patch files", () => {
  it("keeps operation lists anywhere, and what base kustomizations apply as patches whatever its name", async () => {
    expect(
      await patchFiles({
        "clusters/prod/payments/kustomization.yaml": `${KUSTOMIZATION}resources:\n  - deploy.yaml\npatches:\n  - path: debug.patch\n    target: {kind: Deployment}\npatchesStrategicMerge:\n  - smp.yaml\n  - |\n    kind: Inline\n`,
        "clusters/prod/payments/debug.patch": OPS,
        "clusters/prod/payments/smp.yaml": DEPLOYMENT_PATCH,
        "clusters/prod/payments/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n",
        "apps/ops.yaml": OPS,
        "apps/ops.json": '[{"op": "remove", "path": "/spec/verify"}]',
        "apps/package.json": '{"name": "x", "scripts": {"op": "path: /"}}',
        "apps/values.yaml": "image:\n  tag: 1.0\n",
      }),
    ).toEqual({
      "clusters/prod/payments/debug.patch": "text",
      "clusters/prod/payments/smp.yaml": "text",
      "clusters/prod/payments/deploy.yaml": "text",
      "apps/ops.yaml": "text",
      "apps/ops.json": "text",
    });
  });

  it("keeps object files a kustomize build could apply later, not those Flux already applies by generation", async () => {
    expect(
      await patchFiles({
        "clusters/prod/payments/kustomization.yaml": `${KUSTOMIZATION}resources: [deploy.yaml]\n`,
        "clusters/prod/payments/patches/host.yaml": DEPLOYMENT_PATCH,
        "clusters/prod/payments/patches/notes.yaml": "owner: payments\n",
        "clusters/prod/apps/deploy.yaml": DEPLOYMENT_PATCH,
      }),
    ).toEqual({ "clusters/prod/payments/patches/host.yaml": "text" });
  });

  it("reads each kustomization once and every other manifest once", async () => {
    const tree = treeOf({ "a/kustomization.yaml": `${KUSTOMIZATION}patches:\n  - path: ops.txt\n`, "a/ops.txt": OPS, "a/x.yaml": DEPLOYMENT_PATCH, "README.md": OPS });
    await buildRepoIndex(tree, []);
    expect(tree.reads.sort()).toEqual(["a/kustomization.yaml", "a/ops.txt", "a/x.yaml"]);
  });

  it("records what it cannot keep, so that applying it fails closed", async () => {
    const files = {
      "a/kustomization.yaml": `${KUSTOMIZATION}patches:\n  - path: link.yaml\n  - path: huge.yaml\n  - path: blob.yaml\n`,
      "a/blob.yaml": `- op: add\0\n`,
    };
    const listing: TreeEntry[] = [
      { path: "a/link.yaml", kind: "symlink", oid: "1".repeat(40), size: 12 },
      { path: "a/huge.yaml", kind: "file", oid: "2".repeat(40), size: 3 * 1024 * 1024 },
    ];
    const base = treeOf(files);
    const tree: TreeReader = { ...base, list: async () => [...(await base.list()), ...listing] };
    expect(await patchFiles(files, tree)).toEqual({
      "a/link.yaml": "is a symlink, whose content the gate does not read",
      "a/huge.yaml": "is 3145728 bytes, over the 1048576-byte limit",
      "a/blob.yaml": "has binary content",
    });
  });

  it("keeps text within a budget per kind of file, the files most likely to be patches first", async () => {
    const big = (n: number) => `${DEPLOYMENT_PATCH}# ${"x".repeat(PATCH_TEXT_BUDGET.dormant / 2 + n)}\n`;
    const found = await patchFiles({
      "a/kustomization.yaml": `${KUSTOMIZATION}resources: []\n`,
      "a/one.yaml": big(1),
      "a/two.yaml": big(2),
      "a/ops.yaml": OPS,
    });
    expect(found).toEqual({
      "a/one.yaml": "text",
      "a/two.yaml": `was not kept: the repository index holds at most ${PATCH_TEXT_BUDGET.dormant} bytes of such files`,
      "a/ops.yaml": "text",
    });
  });

  it("survives kustomizations that do not parse", async () => {
    expect(await patchFiles({ "a/kustomization.yaml": "patches: [\n", "a/ops.yaml": OPS })).toEqual({ "a/ops.yaml": "text" });
  });
});
