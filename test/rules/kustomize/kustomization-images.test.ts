import { describe, expect, it } from "vitest";
import { parseManifests } from "../../../src/manifests/parse-manifests.js";
import { kustomizationImages } from "../../../src/rules/kustomize/kustomization-images.js";

const images = (entries: string) => {
  const text = `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deploy.yaml\nimages:\n${entries}`;
  return kustomizationImages(parseManifests("clusters/prod/payments/kustomization.yaml", "head", text).objects[0]!);
};

describe("kustomizationImages: tags as written", () => {
  it("reads an unquoted numeric tag from the source text, not from the number YAML made of it", () => {
    const found = images("  - name: api\n    newTag: 1.10\n  - name: worker\n    newTag: 2.0\n  - name: cron\n    newTag: 010\n  - name: job\n    newTag: 1e3\n");
    expect(found.map((i) => [i.name, i.newTag])).toEqual([["api", "1.10"], ["worker", "2.0"], ["cron", "010"], ["job", "1e3"]]);
  });

  it("keeps quoted and string tags, and follows aliases to the text they point at", () => {
    const found = images('  - name: api\n    newTag: "1.10"\n  - name: web\n    newTag: &v 3.10\n  - name: proxy\n    newTag: *v\n  - name: db\n    newTag: v1.2.3\n    newName: ghcr.io/example/db\n');
    expect(found.map((i) => [i.name, i.newTag, i.newName])).toEqual([["api", "1.10", null], ["web", "3.10", null], ["proxy", "3.10", null], ["db", "v1.2.3", "ghcr.io/example/db"]]);
  });

  it("has no tag when none is set, or when it is empty or not a scalar", () => {
    const found = images('  - name: api\n    digest: sha256:0123\n  - name: web\n    newTag: ""\n  - name: x\n    newTag: [1]\n');
    expect(found.map((i) => [i.name, i.newTag, i.digest])).toEqual([["api", null, "sha256:0123"], ["web", null, null], ["x", null, null]]);
  });
});
