import { describe, expect, it } from "vitest";
import { analyzeManifests } from "../../../src/manifests/analyze-manifests.js";
import { EMPTY_REPO_INDEX } from "../../../src/manifests/repo-index.js";
import type { FileChange } from "../../../src/sources/change-set.js";
import { fileChange } from "../support/file-change.js";
import { fixturePolicy } from "../support/fixture-policy.js";

/**
 * JSON 6902 patch files across files: the target a changed kustomization gives them, per side; identity across
 * renames; the whole catalogue's view of their synthetic object. Single-file cases are fixtures under
 * fixtures/manifests/rules/kustomize/.
 */

const policy = fixturePolicy();
const DIR = "clusters/prod/flux-system";
const GUARD = "kustomize/patch-weakens-guard";
const POD = "kustomize/patch-pod-security";

async function findings(files: FileChange[], rule?: string) {
  const all = (await analyzeManifests({ files, policy, index: EMPTY_REPO_INDEX })).findings;
  return (rule ? all.filter((f) => f.rule === rule) : all).map((f) => ({ rule: f.rule, path: f.path, line: f.line, message: f.message }));
}

/** A kustomization applying `file` to `target` through `field` (`patches` or `patchesJson6902`). */
function kustomization(file: string, target: string, field = "patches"): string {
  return `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - gotk-sync.yaml\n${field}:\n  - path: ${file}\n    target:\n${target.replace(/^/gm, "      ")}\n`;
}

const REMOVE_VERIFY = "- op: replace\n  path: /spec/interval\n  value: 5m\n- op: remove\n  path: /spec/verify\n";
const GIT_REPOSITORY = "group: source.toolkit.fluxcd.io\nkind: GitRepository\nname: flux-system";

describe("JSON 6902 patch files: targets from the change's kustomizations", () => {
  it("names the target and the kustomization when one in the change applies the file", async () => {
    const files = [fileChange(`${DIR}/ops/source.yaml`, { head: REMOVE_VERIFY }), fileChange(`${DIR}/kustomization.yaml`, { head: kustomization("ops/source.yaml", GIT_REPOSITORY) })];
    expect(await findings(files, GUARD)).toEqual([
      {
        rule: GUARD,
        path: `${DIR}/ops/source.yaml`,
        line: 5,
        message: `JSON6902Patch ${DIR}/ops/source.yaml: this patch file (applied to GitRepository flux-system by ${DIR}/kustomization.yaml) removes spec.verify: Flux stops verifying this source's signatures, or verifies less.`,
      },
    ]);
  });

  it("says the target is unknown, and checks every kind, when no kustomization in the change applies it", async () => {
    expect(await findings([fileChange(`${DIR}/ops/source.yaml`, { head: REMOVE_VERIFY })], GUARD)).toEqual([
      expect.objectContaining({ line: 5, message: expect.stringContaining("this patch file (its target is unknown: no kustomization in this change applies it, so it is checked against every kind) removes spec.verify") }),
    ]);
  });

  it("narrows the fields checked to the target's kind: spec.verify means nothing on a Deployment", async () => {
    const files = [fileChange(`${DIR}/ops/source.yaml`, { head: REMOVE_VERIFY }), fileChange(`${DIR}/kustomization.yaml`, { head: kustomization("ops/source.yaml", "kind: Deployment\nname: api") })];
    expect(await findings(files)).toEqual([]);
  });

  it("follows patchesJson6902 and ../ paths, and reads JSON patch files", async () => {
    const ops = JSON.stringify([{ op: "remove", path: "/spec/verify" }], null, 2);
    const files = [
      fileChange("clusters/prod/shared/source-ops.json", { head: ops }),
      fileChange(`${DIR}/kustomization.yaml`, { head: kustomization("../shared/source-ops.json", GIT_REPOSITORY, "patchesJson6902") }),
    ];
    expect(await findings(files, GUARD)).toEqual([
      expect.objectContaining({ path: "clusters/prod/shared/source-ops.json", line: 4, message: expect.stringContaining("applied to GitRepository flux-system") }),
    ]);
  });

  it("reports once per target when kustomizations apply one file to several objects", async () => {
    const ops = "- op: add\n  path: /spec/template/spec/hostPID\n  value: true\n";
    const dir = "clusters/prod/payments";
    const files = [
      fileChange(`${dir}/ops.yaml`, { head: ops }),
      fileChange(`${dir}/api/kustomization.yaml`, { head: kustomization("../ops.yaml", "kind: Deployment\nname: api") }),
      fileChange(`${dir}/worker/kustomization.yaml`, { head: kustomization("../ops.yaml", "kind: Deployment\nname: worker") }),
    ];
    expect((await findings(files, POD)).map((f) => [f.line, f.message.replace(/.*\(applied to (\S+ \S+) by .*/, "$1")])).toEqual([
      [3, "Deployment api"],
      [3, "Deployment worker"],
    ]);
  });

  it("judges each side with that side's kustomization: retargeting the file at a source is new", async () => {
    const base = [REMOVE_VERIFY, kustomization("ops.yaml", "kind: Deployment\nname: api")];
    const head = [`${REMOVE_VERIFY}- op: add\n  path: /metadata/labels/team\n  value: platform\n`, kustomization("ops.yaml", GIT_REPOSITORY)];
    const files = [fileChange(`${DIR}/ops.yaml`, { base: base[0], head: head[0] }), fileChange(`${DIR}/kustomization.yaml`, { base: base[1], head: head[1] })];
    expect(await findings(files, GUARD)).toEqual([expect.objectContaining({ line: 5, message: expect.stringContaining("GitRepository flux-system") })]);
    // The same target on both sides: the removal existed at base, only the label is new.
    const same = [fileChange(`${DIR}/ops.yaml`, { base: base[0], head: head[0] }), fileChange(`${DIR}/kustomization.yaml`, { base: head[1], head: head[1] })];
    expect(await findings(same)).toEqual([]);
  });

  it("keeps a patch file's identity across a rename: its existing operations are not new", async () => {
    const renamed = fileChange(`${DIR}/ops/renamed.yaml`, { previousPath: `${DIR}/ops/source.yaml`, base: REMOVE_VERIFY, head: `${REMOVE_VERIFY}- op: replace\n  path: /spec/timeout\n  value: 2m\n` });
    expect(await findings([renamed])).toEqual([]);
  });

  it("treats a copy into a guard field of the known target as a possible weakening, on its path line", async () => {
    const ops = "- op: copy\n  from: /spec/rules/1/validate/failureAction\n  path: /spec/rules/0/validate/failureAction\n- op: copy\n  from: /metadata/name\n  path: /metadata/annotations/policy\n";
    const files = [fileChange("clusters/prod/platform/ops.yaml", { head: ops }), fileChange("clusters/prod/platform/kustomization.yaml", { head: kustomization("ops.yaml", "kind: ClusterPolicy\nname: restrict") })];
    expect(await findings(files, GUARD)).toEqual([
      expect.objectContaining({ line: 3, message: expect.stringContaining("writes the target's spec.rules[1].validate.failureAction into spec.rules[0].validate.failureAction: the value is not in the patch") }),
    ]);
  });
});

describe("JSON 6902 patch files: the rest of the catalogue", () => {
  const RISKY = [
    "- op: add\n  path: /metadata/namespace\n  value: payments\n",
    "- op: add\n  path: /spec/template/spec/containers/0/image\n  value: docker.io/evil/miner:latest\n",
    "- op: add\n  path: /data/password\n  value: aHVudGVyMg==\n",
    "- op: add\n  path: /rules/-\n  value: {apiGroups: ['*'], resources: ['*'], verbs: ['*']}\n",
    "- op: add\n  path: /spec/template/spec/containers/0/securityContext/privileged\n  value: true\n",
  ].join("");

  it.each([
    ["a restricted tenant's folder", "clusters/prod/payments/ops.yaml"],
    ["the platform folder", "clusters/prod/platform/ops.yaml"],
    ["a folder no tenant owns", "apps/ops.yaml"],
  ])("raises nothing but the kustomize patch rules in %s", async (_, path) => {
    // The patch rules judge what the operations write (the image, the wildcard role rule — its target kind unknown,
    // `rules` is judged as a ClusterRole's — the privileged flag); the object rules must not mistake the synthetic
    // object for a Secret, a Role or a namespaced object.
    const found = (await findings([fileChange(path, { head: RISKY })])).map((f) => `${f.rule}:${f.line}`);
    expect(found.sort()).toEqual(["kustomize/patch-mutable-tag:6", `${POD}:15`, ...Array(3).fill("kustomize/patch-rbac:12"), "kustomize/patch-registry-not-approved:6"]);
  });

  it("judges a strategic-merge patch file as an object, and as what the kustomization newly applies", async () => {
    const patch = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          securityContext:\n            privileged: true\n";
    const files = [fileChange("clusters/prod/payments/patch.yaml", { head: patch }), fileChange("clusters/prod/payments/kustomization.yaml", { head: kustomization("patch.yaml", "kind: Deployment\nname: api") })];
    // The object rules see the file; the patch rule sees the reference (an edit of an existing file would hide the
    // former, since the field was already there at base, but not the latter).
    const found = (await findings(files)).map((f) => [f.rule, f.path, f.line]);
    expect(found).toContainEqual(["pod-security/privileged", "clusters/prod/payments/patch.yaml", 11]);
    expect(found.filter(([rule]) => String(rule).startsWith("kustomize/"))).toEqual([["kustomize/patch-pod-security", "clusters/prod/payments/kustomization.yaml", 6]]);
  });
});
