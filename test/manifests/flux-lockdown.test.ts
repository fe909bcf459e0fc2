import { describe, expect, it } from "vitest";
import { isLockedDown } from "../../src/manifests/flux-lockdown.js";
import { buildRepoIndex } from "../../src/manifests/repo-index.js";
import { treeOf } from "../rules/support/tree-reader.js";

/** Where the base runs Flux's `--default-service-account` lockdown, read from its bootstrap kustomizations. */

const bootstrap = (patches = "") =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - gotk-components.yaml\n  - gotk-sync.yaml\n${patches ? `patches:\n${patches}` : ""}`;
const inline = (name: string, flag = "--default-service-account=default") =>
  `  - patch: |\n      - op: add\n        path: /spec/template/spec/containers/0/args/-\n        value: ${flag}\n    target:\n      kind: Deployment\n      name: "${name}"\n`;

async function lockdownOf(files: Record<string, string>) {
  return (await buildRepoIndex(treeOf(files), [])).lockdown;
}

describe("Flux lockdown in the repository index", () => {
  it("reads the flux2-multi-tenancy patch: both controllers, for the cluster's folder", async () => {
    const lockdown = await lockdownOf({ "clusters/production/flux-system/kustomization.yaml": bootstrap(inline("(kustomize-controller|helm-controller)")) });
    expect(isLockedDown(lockdown, "kustomize-controller", "clusters/production/tenants.yaml")).toBe(true);
    expect(isLockedDown(lockdown, "helm-controller", "clusters/production/apps/release.yaml")).toBe(true);
    // The only cluster: files outside its folder (tenants/, infrastructure/) are applied by it.
    expect(isLockedDown(lockdown, "kustomize-controller", "tenants/base/dev-team/sync.yaml")).toBe(true);
  });

  it("locks only the controllers the target names", async () => {
    const lockdown = await lockdownOf({ "clusters/prod/flux-system/kustomization.yaml": bootstrap(inline("kustomize-controller")) });
    expect(isLockedDown(lockdown, "kustomize-controller", "clusters/prod/a.yaml")).toBe(true);
    expect(isLockedDown(lockdown, "helm-controller", "clusters/prod/a.yaml")).toBe(false);
  });

  it("needs the lockdown in every cluster for a file outside all cluster folders, and in its own cluster otherwise", async () => {
    const lockdown = await lockdownOf({
      "clusters/staging/flux-system/kustomization.yaml": bootstrap(inline("kustomize-controller")),
      "clusters/production/flux-system/kustomization.yaml": bootstrap(),
    });
    expect(isLockedDown(lockdown, "kustomize-controller", "clusters/staging/tenants.yaml")).toBe(true);
    expect(isLockedDown(lockdown, "kustomize-controller", "clusters/production/tenants.yaml")).toBe(false);
    expect(isLockedDown(lockdown, "kustomize-controller", "tenants/staging/dev-team.yaml")).toBe(false);
  });

  it("reads the flag from a patch file the bootstrap kustomization applies", async () => {
    const lockdown = await lockdownOf({
      "clusters/prod/flux-system/kustomization.yaml": bootstrap("  - path: lockdown.yaml\n    target:\n      kind: Deployment\n      name: helm-controller\n"),
      "clusters/prod/flux-system/lockdown.yaml": "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --default-service-account=default\n",
    });
    expect(isLockedDown(lockdown, "helm-controller", "clusters/prod/apps/release.yaml")).toBe(true);
    expect(isLockedDown(lockdown, "kustomize-controller", "clusters/prod/apps/release.yaml")).toBe(false);
  });

  it("is not fooled: other flags, non-bootstrap kustomizations, other kinds, no Flux at all", async () => {
    const cases: Array<Record<string, string>> = [
      { "clusters/prod/flux-system/kustomization.yaml": bootstrap(inline("kustomize-controller", "--no-remote-bases=true")) },
      { "clusters/prod/platform/kustomization.yaml": bootstrap(inline("kustomize-controller")).replace("  - gotk-components.yaml\n", "") },
      { "clusters/prod/flux-system/kustomization.yaml": bootstrap(inline("kustomize-controller").replace("kind: Deployment", "kind: ConfigMap")) },
      {},
    ];
    for (const files of cases) expect(isLockedDown(await lockdownOf(files), "kustomize-controller", "clusters/prod/a.yaml")).toBe(false);
  });

  it("matches target names as kustomize does, without evaluating patterns that could backtrack for ever", async () => {
    const lockedWith = async (name: string) =>
      isLockedDown(await lockdownOf({ "clusters/a/flux-system/kustomization.yaml": bootstrap(inline(name)) }), "kustomize-controller", "clusters/a/x.yaml");
    expect(await lockedWith(`(${"x|".repeat(300)}kustomize-controller)`)).toBe(true);
    expect(await lockedWith("kustomize-.*")).toBe(true);
    expect(await lockedWith("kustomize-controller-v2")).toBe(false);
    // Nested quantifiers are refused rather than run (the controller stays reported as not locked down).
    expect(await lockedWith("((.*)*)*kustomize-controller")).toBe(false);
    expect(await lockedWith("(a+)+$(")).toBe(false);
  });
});
