import { describe, expect, it } from "vitest";
import { readManifestFile } from "../../src/manifests/read-manifest-file.js";
import type { FileVersion } from "../../src/sources/change-set.js";
import { blob } from "../rules/support/file-change.js";

const read = (path: string, version: FileVersion) => readManifestFile(path, "head", version);

describe("readManifestFile", () => {
  it("parses YAML files and kustomize's extension-less Kustomization", () => {
    expect(read("a/deploy.yml", blob("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"))).toMatchObject({ parsed: { objects: [{ kind: "ConfigMap" }] } });
    expect(read("a/Kustomization", blob("resources: []\n"))).toMatchObject({ parsed: { objects: [{ kind: "Kustomization" }] } });
  });

  it("skips what Flux does not apply as manifests, saying why", () => {
    expect(read("README.md", blob("# hi\n"))).toEqual({ skipped: "not a YAML file" });
    expect(read("a/logo.yaml", blob(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])))).toEqual({ skipped: "binary content" });
    expect(read("a/flagged.yaml", { ...blob("a: 1\n"), binary: true })).toEqual({ skipped: "binary content" });
    expect(read("a/link.yaml", { kind: "symlink", mode: "120000", oid: "1".repeat(40), size: 9, content: new TextEncoder().encode("../x.yaml") })).toEqual({
      skipped: "symlink: the target is not evaluated",
    });
    expect(read("a/lazy.yaml", { ...blob(""), content: null, size: 10 })).toEqual({ skipped: "content not loaded" });
  });

  it("refuses a file over the size limit, whether the source stopped reading it or not", () => {
    const tenMegabytes = { ...blob(""), size: 10 * 1024 * 1024, content: null, tooLarge: true };
    expect(read("a/huge.yaml", tenMegabytes)).toEqual({
      parsed: { path: "a/huge.yaml", side: "head", objects: [], problems: [{ kind: "too-large", line: null, message: "is 10485760 bytes, over the 1048576-byte limit: not evaluated" }] },
    });
    const loaded = blob(`data: "${"x".repeat(1024 * 1024)}"\n`);
    expect(read("a/loaded.yaml", loaded)).toMatchObject({ parsed: { problems: [{ kind: "too-large" }] } });
  });

  it("reports a submodule as a problem: its contents are unknown", () => {
    const submodule: FileVersion = { kind: "submodule", mode: "160000", oid: "a".repeat(40), size: -1, content: null };
    expect(read("vendor/platform", submodule)).toMatchObject({ parsed: { problems: [{ kind: "submodule", message: `is a submodule (commit ${"a".repeat(40)}): its contents are not evaluated` }] } });
  });

  it("skips a Helm chart template that fails to parse, but evaluates one that parses", () => {
    const template = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\ndata: {}\n{{- end }}\n";
    expect(read("charts/app/templates/cm.yaml", blob(template))).toEqual({ skipped: "Helm chart template: not YAML until rendered" });
    const disguised = "# {{ not a template }}\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: x\n";
    expect(read("apps/templates/crb.yaml", blob(disguised))).toMatchObject({ parsed: { objects: [{ kind: "ClusterRoleBinding" }] } });
    expect(read("apps/x/cm.yaml", blob(template))).toMatchObject({ parsed: { problems: [{ kind: "parse-error" }] } });
  });
});
