import { describe, expect, it } from "vitest";
import { patchFilesOfChange } from "../../src/manifests/change-patch-files.js";
import type { PatchFileText } from "../../src/manifests/collect-patch-files.js";
import { DEFAULT_MANIFEST_LIMITS } from "../../src/manifests/limits.js";
import { readChangeFiles } from "../../src/manifests/read-change-files.js";
import type { FileChange } from "../../src/sources/change-set.js";
import { blob, fileChange } from "../rules/support/file-change.js";

/** The change's view of patch files: the base index's text for untouched files, the head's for touched ones. */

const OPS = "- op: add\n  path: /spec/template/spec/hostPID\n  value: true\n";
const SMP = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      hostNetwork: true\n";
const kustomization = (...paths: string[]) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n${paths.map((p) => `  - path: ${p}\n`).join("")}`;

async function view(indexed: Record<string, PatchFileText>, files: FileChange[]) {
  const read = await readChangeFiles(files, DEFAULT_MANIFEST_LIMITS);
  const base = new Map(Object.entries(indexed));
  const result = patchFilesOfChange(base, files, { objects: read.headObjects, files: read.headFiles }, DEFAULT_MANIFEST_LIMITS);
  return { same: result === base, files: Object.fromEntries([...result].map(([path, file]) => [path, "text" in file ? file.text : `unread: ${file.unread}`])) };
}

describe("patchFilesOfChange", () => {
  it("is the base index itself when the change touches none of its files", async () => {
    expect(await view({ "a/ops.yaml": { text: OPS } }, [fileChange("a/kustomization.yaml", { head: kustomization("ops.yaml") })])).toEqual({ same: true, files: { "a/ops.yaml": OPS } });
  });

  it("drops every path the change touches: modified, deleted, and both ends of a rename", async () => {
    const indexed = { "a/one.yaml": { text: OPS }, "a/two.yaml": { text: OPS }, "a/old.yaml": { text: OPS }, "a/kept.yaml": { text: OPS } };
    const files = [
      fileChange("a/one.yaml", { base: OPS, head: `${OPS}# edited\n` }),
      fileChange("a/two.yaml", { base: OPS }),
      fileChange("a/new.yaml", { previousPath: "a/old.yaml", base: OPS, head: OPS }),
    ];
    expect((await view(indexed, files)).files).toEqual({ "a/kept.yaml": OPS });
  });

  it("adds the head text of a touched file a head kustomization applies, unless the file is judged on its own", async () => {
    const files = [
      fileChange("a/kustomization.yaml", { head: kustomization("smp.yaml", "ops.yaml", "broken.yaml", "gone.yaml", "debug.patch", "link.yaml", "huge.yaml", "huge.patch") }),
      fileChange("a/smp.yaml", { base: SMP, head: `# a comment is enough to touch it\n${SMP}` }),
      fileChange("a/ops.yaml", { base: OPS, head: OPS.replace("hostPID", "hostIPC") }),
      fileChange("a/broken.yaml", { head: "kind: [\n" }),
      fileChange("a/gone.yaml", { base: SMP }),
      fileChange("a/debug.patch", { head: OPS }),
      fileChange("a/link.yaml", { head: { kind: "symlink", mode: "120000", oid: "1".repeat(40), size: 8, content: new TextEncoder().encode("smp.yaml") } }),
      // An oversized YAML file is `manifest/too-large` already; one the manifest layer skips by name is not.
      fileChange("a/huge.yaml", { head: { ...blob(""), size: 5_000_000, content: null, tooLarge: true } }),
      fileChange("a/huge.patch", { head: { ...blob(""), size: 5_000_000, content: null, tooLarge: true } }),
      fileChange("a/other.yaml", { head: SMP }),
    ];
    expect((await view({ "a/smp.yaml": { text: SMP }, "a/gone.yaml": { text: SMP } }, files)).files).toEqual({
      "a/smp.yaml": `# a comment is enough to touch it\n${SMP}`,
      "a/debug.patch": OPS,
      "a/link.yaml": "unread: is a symlink, whose content the gate does not read",
      "a/huge.patch": "unread: is 5000000 bytes, over the 1048576-byte limit",
    });
  });
});
