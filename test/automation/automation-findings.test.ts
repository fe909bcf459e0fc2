import { describe, expect, it } from "vitest";
import { automationFindings, markAutomationCommits } from "../../src/automation/automation-findings.js";
import { parseImageName } from "../../src/automation/image-name.js";
import type { CommitVerdict } from "../../src/engine/decision.js";
import { EMPTY_REPO_INDEX, type ImageObject, type RepoIndex } from "../../src/manifests/repo-index.js";
import { parsePolicy } from "../../src/policy/load-policy.js";
import type { FileChange } from "../../src/sources/change-set.js";
import { blob, fileChange } from "../rules/support/file-change.js";

const BOT = "B".repeat(40);
const DEV = "D".repeat(40);
const policy = parsePolicy(
  `version: 1\ntenants:\n  apps: { paths: ["apps/**"], signers: ["${DEV}"] }\nautomation:\n  signers: ["${BOT}", "*"]\n`,
  "test policy",
);

function verdict(fingerprint: string, parents = ["p".repeat(40)]): CommitVerdict {
  const signer = { type: "openpgp" as const, fingerprint, keyId: fingerprint.slice(-16), userIds: [] };
  return { sha: "c".repeat(40), verified: true, reason: "verified", signer, tenants: [], detail: "", subject: "Update image references", author: null, parents };
}

const object = (kind: ImageObject["kind"], namespace: string | null, name: string, path: string, spec: Record<string, unknown>): ImageObject => ({ kind, namespace, name, path, spec });
const repository = (path: string, image: string) => object("ImageRepository", "flux-system", "api", path, { image });
const imagePolicy = (path: string, range: string) => object("ImagePolicy", "flux-system", "api", path, { imageRepositoryRef: { name: "api" }, policy: { semver: { range } } });
const index = (...imageObjects: ImageObject[]): RepoIndex => ({ ...EMPTY_REPO_INDEX, imageObjects });
const INDEX = index(repository("clusters/prod/flux-system/images.yaml", "ghcr.io/acme/api"), imagePolicy("clusters/prod/flux-system/images.yaml", "^1.0.0"));

const deployment = (image: string, marker = "flux-system:api") => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - image: ${image} # {"$imagepolicy": "${marker}"}\n`;
const bump = (to: string, marker?: string, path = "clusters/prod/apps/api.yaml") => fileChange(path, { base: deployment("ghcr.io/acme/api:1.0.0", marker), head: deployment(to, marker) });
const run = (files: FileChange[], idx = INDEX, v = verdict(BOT)) => automationFindings([{ verdict: { ...v, automation: true }, files }], policy, idx);
const rules = (files: FileChange[], idx?: RepoIndex) => run(files, idx).map((f) => `${f.rule} ${f.path}:${f.line ?? "-"}`);

describe("markAutomationCommits", () => {
  it("marks verified commits of automation signers, which then speak for no tenant; '*' names no automation key", () => {
    const dev = { ...verdict(DEV), tenants: ["apps"] };
    const unverified = { ...verdict(BOT), verified: false, reason: "expired-key" as const };
    expect(markAutomationCommits([verdict(BOT), dev, unverified], policy)).toEqual([{ ...verdict(BOT), automation: true, tenants: [] }, dev, unverified]);
  });
});

describe("automationFindings", () => {
  it("passes an in-range bump and a digest-pinned one", () => {
    expect(run([bump("ghcr.io/acme/api:1.2.0")])).toEqual([]);
    expect(run([bump(`ghcr.io/acme/api:1.2.0@sha256:${"a".repeat(64)}`)])).toEqual([]);
  });

  it("fails values the policy could not have selected", () => {
    expect(rules([bump("ghcr.io/acme/api:2.0.0")])).toEqual(["automation/tag-outside-policy clusters/prod/apps/api.yaml:9"]);
    expect(rules([bump("ghcr.io/acme/api")])).toEqual(["automation/tag-outside-policy clusters/prod/apps/api.yaml:9"]);
    expect(rules([bump(`ghcr.io/acme/api:2.0.0@sha256:${"a".repeat(64)}`)])).toEqual(["automation/tag-outside-policy clusters/prod/apps/api.yaml:9"]);
    expect(rules([bump("ghcr.io/evil/api:1.2.0")])).toEqual(["automation/image-outside-repository clusters/prod/apps/api.yaml:9"]);
    expect(rules([bump("ghcr.io/evil/api:9.0.0")])).toEqual(["automation/image-outside-repository clusters/prod/apps/api.yaml:9", "automation/tag-outside-policy clusters/prod/apps/api.yaml:9"]);
    expect(rules([bump("not an image")])).toEqual(["automation/image-outside-repository clusters/prod/apps/api.yaml:9"]);
  });

  it("fails markers naming no policy of the base, and the :digest setter", () => {
    expect(run([bump("ghcr.io/acme/api:1.2.0", "flux-system:other")])[0]).toMatchObject({ rule: "automation/unknown-policy", message: expect.stringContaining("there is no ImagePolicy flux-system/other in the base") });
    expect(run([bump("ghcr.io/acme/api:1.2.0", "flux-system/api")])[0]).toMatchObject({ rule: "automation/unknown-policy", message: expect.stringContaining('"flux-system/api" is not') });
    const noRepo = index(imagePolicy("clusters/prod/flux-system/images.yaml", "^1.0.0"));
    expect(run([bump("ghcr.io/acme/api:1.2.0")], noRepo)[0]!.message).toContain("references ImageRepository flux-system/api, which is not in the base");
    const unnamespaced = index({ ...imagePolicy("clusters/prod/apps/policy.yaml", "^1.0.0"), namespace: null });
    expect(run([bump("ghcr.io/acme/api:1.2.0")], unnamespaced)[0]!.message).toContain("without metadata.namespace");
    const digest = fileChange("v.yaml", { base: 'digest: sha256:aa # {"$imagepolicy": "flux-system:api:digest"}\n', head: 'digest: sha256:bb # {"$imagepolicy": "flux-system:api:digest"}\n' });
    expect(run([digest])[0]).toMatchObject({ rule: "automation/tag-outside-policy", message: expect.stringContaining(":digest") });
  });

  it("takes the definitions nearest to the file when each cluster defines the same policy", () => {
    const clusters = index(
      repository("clusters/prod/flux-system/images.yaml", "ghcr.io/acme/api"),
      imagePolicy("clusters/prod/flux-system/images.yaml", "^1.0.0"),
      repository("clusters/staging/flux-system/images.yaml", "ghcr.io/acme/api"),
      imagePolicy("clusters/staging/flux-system/images.yaml", "^2.0.0-0"),
    );
    expect(rules([bump("ghcr.io/acme/api:2.1.0-rc.1", undefined, "clusters/staging/apps/api.yaml")], clusters)).toEqual([]);
    expect(rules([bump("ghcr.io/acme/api:2.1.0-rc.1", undefined, "clusters/prod/apps/api.yaml")], clusters)).toEqual(["automation/tag-outside-policy clusters/prod/apps/api.yaml:9"]);
    // Equally near to both: both must allow it.
    expect(rules([bump("ghcr.io/acme/api:1.2.0", undefined, "apps/api.yaml")], clusters)).toEqual(["automation/tag-outside-policy apps/api.yaml:9"]);
  });

  it("refuses every file change that is not an in-place edit of YAML, and edits with no marked change", () => {
    const text = deployment("ghcr.io/acme/api:1.0.0");
    const cases: Array<[FileChange, string]> = [
      [{ ...bump("ghcr.io/acme/api:1.2.0"), head: { ...blob(deployment("ghcr.io/acme/api:1.2.0")), mode: "100755" } }, "changes the mode of clusters/prod/apps/api.yaml from 100644 to 100755"],
      [{ ...bump("ghcr.io/acme/api:1.2.0"), head: { ...blob("x"), kind: "symlink", mode: "120000" } }, "which is a symlink entry, not a file"],
      [{ ...fileChange("a.yaml", { base: text, head: text }), status: "type-changed" }, "changes a.yaml from a file to a file"],
      [fileChange("notes.txt", { base: "a\n", head: "b\n" }), "which is not a .yaml or .yml file the controller edits"],
      [fileChange("a.yaml", { base: text, head: { ...blob(text), content: null } }), "whose content was not loaded"],
      [fileChange("a.yaml", { base: text, head: { ...blob(text), content: null, tooLarge: true } }), "whose content is over the size limit"],
      [fileChange("a.yaml", { base: text, head: blob(new Uint8Array([0x61, 0, 0x62])) }), "whose content is binary"],
      [fileChange("a.yaml", { base: text, head: `# reformatted\n${text}` }), "without changing any marked value"],
      [fileChange("a.yaml", { base: text, head: "a: [1\n" }), "which does not parse as YAML at the head"],
    ];
    for (const [file, says] of cases) {
      const found = run([file]);
      expect(found.map((f) => f.rule), says).toEqual(["automation/unmarked-change"]);
      expect(found[0]!.message, says).toContain(says);
    }
  });

  it("sums up a mass rewrite after ten differences", () => {
    const base = Array.from({ length: 30 }, (_, i) => `k${i}: ${i}`).join("\n");
    const found = run([fileChange("a.yaml", { base, head: base.replace(/: (\d+)/g, ": x$1") })]);
    expect(found).toHaveLength(11);
    expect(found[10]!.message).toContain("makes 20 more unmarked changes to a.yaml");
  });

  it("refuses merges, and reports a key that is also a tenant signer", () => {
    expect(run([bump("ghcr.io/acme/api:1.2.0")], INDEX, verdict(BOT, ["a".repeat(40), "b".repeat(40)])).map((f) => f.rule)).toEqual(["automation/merge-commit"]);
    const dual = parsePolicy(`version: 1\ntenants:\n  apps: { paths: ["apps/**"], signers: ["${BOT}"] }\nautomation:\n  signers: ["${BOT}"]\n`, "dual");
    const units = [1, 2].map(() => ({ verdict: { ...verdict(BOT), automation: true as const }, files: [bump("ghcr.io/acme/api:1.2.0")] }));
    expect(automationFindings(units, dual, INDEX)).toEqual([expect.objectContaining({ rule: "automation/signer-is-tenant-signer", severity: "medium", message: expect.stringContaining('tenant "apps"') })]);
  });
});

describe("parseImageName", () => {
  it("normalises Docker Hub and keeps registries exact", () => {
    expect(parseImageName("nginx:1.25")).toEqual({ name: "docker.io/library/nginx", tag: "1.25", digest: null });
    expect(parseImageName("index.docker.io/library/nginx")).toMatchObject({ name: "docker.io/library/nginx" });
    expect(parseImageName("bitnami/redis")).toMatchObject({ name: "docker.io/bitnami/redis" });
    expect(parseImageName("localhost:5000/app:1")).toMatchObject({ name: "localhost:5000/app", tag: "1" });
    expect(parseImageName("Registry.Example.com/team/app")).toMatchObject({ name: "registry.example.com/team/app" });
    for (const bad of ["", "app:", "App/x", "a b", "app@sha256:short", "ghcr.io/acme/api:1.0\n"]) expect(parseImageName(bad), bad).toBeNull();
  });
});
