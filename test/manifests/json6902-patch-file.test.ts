import { describe, expect, it } from "vitest";
import { isJson6902Patch, patchFileOf } from "../../src/manifests/json6902-patch-file.js";
import { DEFAULT_MANIFEST_LIMITS } from "../../src/manifests/limits.js";
import { linkPatchTargets } from "../../src/manifests/link-patch-targets.js";
import { parseManifests } from "../../src/manifests/parse-manifests.js";
import { readChangeFiles } from "../../src/manifests/read-change-files.js";
import { readManifestFile } from "../../src/manifests/read-manifest-file.js";
import type { ManifestObject } from "../../src/manifests/types.js";
import { blob, fileChange } from "../rules/support/file-change.js";

const OPS = "# routine and not\n- op: replace\n  path: /spec/replicas\n  value: 3\n- op: remove\n  path: /spec/verify\n";
const objects = (path: string, text: string): ManifestObject[] => parseManifests(path, "head", text).objects;

describe("JSON 6902 patch files", () => {
  it("recognises an operation list by content, and nothing else", () => {
    expect(isJson6902Patch([{ op: "add", path: "/a", value: 1 }, { op: "test", path: "/b", value: 2 }])).toBe(true);
    expect(isJson6902Patch([{ op: "copy", from: "/a", path: "/a~1b" }])).toBe(true);
    expect(isJson6902Patch([])).toBe(false);
    expect(isJson6902Patch([{ name: "a", value: "b" }])).toBe(false);
    expect(isJson6902Patch([{ op: "add", path: "/a" }, { name: "b" }])).toBe(false);
    expect(isJson6902Patch([{ op: "merge", path: "/a" }])).toBe(false);
    expect(isJson6902Patch([{ op: "add", path: "a" }])).toBe(false);
    expect(isJson6902Patch(["add /a"])).toBe(false);
  });

  it("becomes a synthetic object named after its file, with lines in the document", () => {
    const [patch, ...rest] = objects("clusters/prod/app/ops.yaml", OPS);
    expect(rest).toEqual([]);
    expect(patch).toMatchObject({ apiVersion: "kustomize.config.k8s.io/v1beta1", group: "kustomize.config.k8s.io", kind: "JSON6902Patch", namespace: null, name: "clusters/prod/app/ops.yaml", root: [] });
    expect(patchFileOf(patch!)).toEqual({ operations: [{ op: "replace", path: "/spec/replicas", value: 3 }, { op: "remove", path: "/spec/verify" }], targets: [] });
    expect(patch!.lineOf(["operations", 0, "value"])).toBe(4);
    expect(patch!.lineOf(["operations", 1, "path"])).toBe(6);
    expect(patch!.lineOf(["targets"])).toBe(2);
    expect(patch!.valueLocation(["operations", 0, "value"])).toEqual({ line: 4, blockScalar: false });
    expect(patch!.scalarSource(["operations", 1, "path"])).toBe("/spec/verify");
  });

  it("leaves plain lists alone, and does not trust a document that only claims the kind", () => {
    expect(objects("charts/app/values.yaml", "- name: a\n  value: b\n")).toEqual([]);
    const [forged] = objects("x.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: JSON6902Patch\noperations: not-a-list\n");
    expect(forged).toMatchObject({ kind: "JSON6902Patch" });
    expect(patchFileOf(forged!)).toBeNull();
  });

  it("reads JSON files only when they are patch files", () => {
    const read = (path: string, text: string) => readManifestFile(path, "head", blob(text));
    expect(read("app/ops.json", '[{"op": "remove", "path": "/spec/verify"}]')).toMatchObject({ parsed: { objects: [{ kind: "JSON6902Patch" }], problems: [] } });
    expect(read("app/package.json", '{"name": "x"}')).toEqual({ skipped: "JSON file that is not a JSON 6902 patch" });
    expect(read("app/broken.json", '{"name": ')).toEqual({ skipped: "JSON file that is not a JSON 6902 patch" });
    expect(read("README.md", "# hi\n")).toEqual({ skipped: "not a YAML file" });
    // Unread, an oversized JSON file could be a padded patch file: it fails closed like an oversized manifest.
    expect(readManifestFile("app/ops.json", "head", { ...blob(""), size: DEFAULT_MANIFEST_LIMITS.maxBytes + 1, content: null, tooLarge: true })).toMatchObject({
      parsed: { objects: [], problems: [{ kind: "too-large", message: expect.stringContaining("a JSON file may be a kustomize patch") }] },
    });
    // Go's JSON decoder takes the last of duplicate keys, the YAML parser refuses them: a patch-like file fails closed.
    expect(read("app/ops.json", '[{"op": "add", "path": "/a", "value": 1, "value": 2}]')).toMatchObject({ parsed: { objects: [], problems: [{ kind: "parse-error" }] } });
  });
});

describe("linkPatchTargets", () => {
  const kustomization = (path: string, text: string) => objects(path, `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${text}`);

  it("gives a patch file the targets the same side's kustomizations apply it with", () => {
    const linked = linkPatchTargets([
      ...objects("clusters/prod/shared/ops.yaml", OPS),
      ...objects("clusters/prod/app/other.yaml", OPS),
      ...kustomization("clusters/prod/app/kustomization.yaml", "patches:\n  - path: ../shared/ops.yaml\n    target: {group: source.toolkit.fluxcd.io, kind: GitRepository, name: flux-system}\n  - path: /etc/ops.yaml\n  - patch: '[]'\n"),
      ...kustomization("clusters/prod/other/kustomization.yaml", "patchesJson6902:\n  - path: ./../shared/ops.yaml\n    target: {kind: Deployment}\n"),
    ]);
    expect(patchFileOf(linked[0]!)!.targets).toEqual([
      { group: "source.toolkit.fluxcd.io", kind: "GitRepository", name: "flux-system", kustomization: "clusters/prod/app/kustomization.yaml" },
      { group: null, kind: "Deployment", name: null, kustomization: "clusters/prod/other/kustomization.yaml" },
    ]);
    expect(patchFileOf(linked[1]!)!.targets).toEqual([]);
  });

  it("links each side of a change on its own, and keeps a renamed patch file's identity", async () => {
    const read = await readChangeFiles(
      [
        fileChange("app/ops-v2.yaml", { previousPath: "app/ops.yaml", base: OPS, head: OPS }),
        fileChange("app/kustomization.yaml", { base: "patches:\n  - path: ops.yaml\n    target: {kind: Deployment}\n", head: "patches:\n  - path: ops-v2.yaml\n    target: {kind: GitRepository}\n" }),
      ],
      DEFAULT_MANIFEST_LIMITS,
    );
    const [base] = read.baseObjects.filter((o) => o.kind === "JSON6902Patch");
    const [head] = read.headObjects.filter((o) => o.kind === "JSON6902Patch");
    expect([base!.path, base!.name, base!.key === head!.key]).toEqual(["app/ops.yaml", "app/ops-v2.yaml", true]);
    expect(patchFileOf(base!)!.targets.map((t) => t.kind)).toEqual(["Deployment"]);
    expect(patchFileOf(head!)!.targets.map((t) => t.kind)).toEqual(["GitRepository"]);
  });
});
