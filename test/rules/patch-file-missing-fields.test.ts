import { describe, expect, it } from "vitest";
import { analyzeManifests } from "../../src/manifests/analyze-manifests.js";
import { buildRepoIndex, EMPTY_REPO_INDEX, type RepoIndex } from "../../src/manifests/repo-index.js";
import { treeOf } from "./support/tree-reader.js";
import { fileChange } from "./support/file-change.js";
import { fixturePolicy } from "./support/fixture-policy.js";

/**
 * A strategic-merge patch file holds only the fields it changes: the rules that report a missing field
 * (`judgesMissingFields`) leave it alone, the rules that report what is written still judge it. Seen on Flux's own
 * multi-tenancy example, where a new staging overlay's values patch was blocked for "no serviceAccountName".
 */
const policy = fixturePolicy();
const DIR = "clusters/prod/payments/staging";

const VALUES_PATCH = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: payments
spec:
  values:
    replicaCount: 2
`;
const overlay = (field: string) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base\n${field === "patchesStrategicMerge" ? "patchesStrategicMerge:\n  - podinfo-values.yaml\n" : "patches:\n  - path: podinfo-values.yaml\n"}`;

async function rulesOf(files: ReturnType<typeof fileChange>[], index: RepoIndex = EMPTY_REPO_INDEX): Promise<string[]> {
  return (await analyzeManifests({ files, policy, index })).findings.map((f) => `${f.rule} ${f.path}`);
}

describe("strategic-merge patch files and the rules that report missing fields", () => {
  it.each(["patches", "patchesStrategicMerge"])("a new overlay applying a values patch through %s is not told the release has no service account", async (field) => {
    const files = [fileChange(`${DIR}/kustomization.yaml`, { head: overlay(field) }), fileChange(`${DIR}/podinfo-values.yaml`, { head: VALUES_PATCH })];
    expect(await rulesOf(files)).toEqual([]);
  });

  it("the same HelmRelease file applied as a resource is a whole object, and is reported", async () => {
    expect(await rulesOf([fileChange(`${DIR}/podinfo-values.yaml`, { head: VALUES_PATCH })])).toEqual([`helm/no-service-account ${DIR}/podinfo-values.yaml`]);
  });

  it("what a patch file writes is still judged: privileged values in it are reported", async () => {
    const risky = VALUES_PATCH.replace("    replicaCount: 2\n", "    securityContext:\n      privileged: true\n");
    const files = [fileChange(`${DIR}/kustomization.yaml`, { head: overlay("patches") }), fileChange(`${DIR}/podinfo-values.yaml`, { head: risky })];
    expect(await rulesOf(files)).toContain(`helm/values-privileged ${DIR}/podinfo-values.yaml`);
    expect((await rulesOf(files)).filter((r) => r.startsWith("helm/no-service-account"))).toEqual([]);
  });

  describe("a file that is also applied whole is judged whole: no escape by calling it a patch", () => {
    const RELEASE = `${DIR}/podinfo-values.yaml`;
    const decoy = fileChange("clusters/prod/payments/decoy/kustomization.yaml", { head: overlay("patches").replace("podinfo-values.yaml", "../staging/podinfo-values.yaml") });

    it("listed as a resource by one kustomization, named as a patch by another", async () => {
      const applies = fileChange(`${DIR}/kustomization.yaml`, { head: "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - podinfo-values.yaml\n" });
      expect(await rulesOf([applies, decoy, fileChange(RELEASE, { head: VALUES_PATCH })])).toEqual([`helm/no-service-account ${RELEASE}`]);
    });

    it("in a folder without a kustomization, where Flux applies every file", async () => {
      expect(await rulesOf([decoy, fileChange(RELEASE, { head: VALUES_PATCH })])).toEqual([`helm/no-service-account ${RELEASE}`]);
    });

    it("in a folder whose kustomization the change deletes", async () => {
      const base = { [`${DIR}/kustomization.yaml`]: overlay("patches"), [RELEASE]: VALUES_PATCH.replace("replicaCount: 2", "replicaCount: 1") };
      const index = await buildRepoIndex(treeOf(base), []);
      // The base's own kustomization applied the file as a patch; the change deletes it and keeps the file.
      const files = [fileChange(`${DIR}/kustomization.yaml`, { base: overlay("patches") }), fileChange(RELEASE, { base: base[RELEASE], head: VALUES_PATCH })];
      expect(await rulesOf(files, index)).toEqual([`helm/no-service-account ${RELEASE}`]);
      // Unchanged, the same file is a patch.
      expect(await rulesOf([fileChange(RELEASE, { base: base[RELEASE], head: VALUES_PATCH })], index)).toEqual([]);
    });
  });

  it("a 'patch' that is a whole object Flux could apply alone is judged whole: deleting the kustomization later would apply it", async () => {
    const whole = VALUES_PATCH.replace("spec:\n", "spec:\n  chart:\n    spec:\n      chart: podinfo\n      sourceRef:\n        kind: HelmRepository\n        name: podinfo\n");
    const files = [fileChange(`${DIR}/kustomization.yaml`, { head: overlay("patches") }), fileChange(`${DIR}/podinfo-values.yaml`, { head: whole })];
    expect(await rulesOf(files)).toContain(`helm/no-service-account ${DIR}/podinfo-values.yaml`);
  });

  describe("pod security in a patch file: what it writes, not what it leaves out", () => {
    const patch = (container: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: redis\n  namespace: payments\nspec:\n  template:\n    spec:\n      containers:\n        - name: redis\n${container}`;
    const overlayOf = (file: string) => fileChange(`${DIR}/kustomization.yaml`, { head: `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base\npatches:\n  - path: ${file}\n` });

    it("a patch setting a memory limit is not told the container lacks Restricted's settings", async () => {
      const files = [overlayOf("redis-resources.yaml"), fileChange(`${DIR}/redis-resources.yaml`, { head: patch("          resources:\n            limits:\n              memory: 512Mi\n") })];
      expect(await rulesOf(files)).toEqual([]);
    });

    it("a patch switching a protection off is reported by the workload rule too", async () => {
      const files = [overlayOf("redis-debug.yaml"), fileChange(`${DIR}/redis-debug.yaml`, { head: patch("          securityContext:\n            allowPrivilegeEscalation: true\n") })];
      expect(await rulesOf(files)).toContain(`pod-security/allow-privilege-escalation ${DIR}/redis-debug.yaml`);
    });
  });
});
