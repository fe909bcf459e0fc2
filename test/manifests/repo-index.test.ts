import { describe, expect, it } from "vitest";
import { buildRepoIndex } from "../../src/manifests/repo-index.js";
import type { TreeEntry, TreeReader } from "../../src/sources/change-set.js";
import { fileChange } from "../rules/support/file-change.js";

const crd = (group: string, kind: string, scope: string) =>
  `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: ${kind.toLowerCase()}s.${group}\nspec:\n  group: ${group}\n  scope: ${scope}\n  names:\n    kind: ${kind}\n    plural: ${kind.toLowerCase()}s\n`;

function tree(files: Record<string, string>): TreeReader & { reads: string[] } {
  const reads: string[] = [];
  const bytes = (text: string) => new TextEncoder().encode(text);
  return {
    commit: "b".repeat(40),
    reads,
    list: async () => Object.entries(files).map(([path, text]): TreeEntry => ({ path, kind: "file", oid: "0".repeat(40), size: text.length })),
    read: async (path) => (path in files ? bytes(files[path]!) : null),
    readMany: async (paths) => {
      reads.push(...paths);
      return new Map(paths.filter((p) => p in files).map((p) => [p, bytes(files[p]!)]));
    },
  };
}

describe("buildRepoIndex", () => {
  it("collects cluster-scoped kinds from CRDs in the base tree and the change's head files", async () => {
    const base = tree({
      "infra/crds.yaml": `${crd("example.com", "Widget", "Cluster")}---\n${crd("example.com", "Gadget", "Namespaced")}`,
      "apps/values.yaml": "not: [valid\n",
      "README.md": crd("docs.example.com", "Doc", "Cluster"),
    });
    const change = fileChange("infra/more-crds.yaml", { head: crd("acme.io", "Anvil", "Cluster") });
    const index = await buildRepoIndex(base, [change]);
    expect([...index.clusterScopedKinds].sort()).toEqual(["acme.io/Anvil", "example.com/Widget"]);
    expect(base.reads).toEqual(["infra/crds.yaml", "apps/values.yaml"]);
  });

  it("survives hostile files in the tree", async () => {
    const bomb = `a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n# CustomResourceDefinition\n`;
    const index = await buildRepoIndex(tree({ "x/bomb.yaml": bomb, "x/deep.yaml": `# CustomResourceDefinition\n${"- ".repeat(50_000)}x\n` }), []);
    expect(index.clusterScopedKinds.size).toBe(0);
  });
});
