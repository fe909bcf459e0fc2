import { isBootstrapKustomization, LOCKABLE_CONTROLLERS, lockedControllers, setsDefaultServiceAccount } from "../../manifests/flux-lockdown.js";
import { isKustomizeConfigObject } from "../../manifests/is-kustomize-config-file.js";
import type { ManifestObject } from "../../manifests/types.js";
import type { ChangeHit, ChangeRule } from "../types.js";

const LOCKDOWN_PATCH =
  "  - patch: |\n      - op: add\n        path: /spec/template/spec/containers/0/args/-\n        value: --default-service-account=default\n    target:\n      kind: Deployment\n      name: \"(kustomize-controller|helm-controller)\"\n";
const bootstrap = (patches: string) =>
  `# clusters/prod/flux-system/kustomization.yaml\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - gotk-components.yaml\n  - gotk-sync.yaml\npatches:\n  - patch: |\n      - op: add\n        path: /spec/template/spec/containers/0/args/-\n        value: --no-cross-namespace-refs=true\n    target:\n      kind: Deployment\n${patches}`;

/** The change switches off Flux's multi-tenancy lockdown (`--default-service-account`) that the base runs. */
export const lockdownRemoved: ChangeRule = {
  id: "flux/lockdown-removed",
  severity: "critical",
  title: "Flux multi-tenancy lockdown removed",
  description:
    "A bootstrap kustomization (one that lists `gotk-components.yaml`) patched kustomize-controller or helm-controller with `--default-service-account` at base, and no longer does at head (the patch removed, retargeted, or the kustomization deleted); or another object that set the flag no longer does (a patch file, JSON 6902 or strategic-merge, or a controller Deployment carrying the flag itself).",
  why: "The lockdown is what makes a Kustomization or HelmRelease without `serviceAccountName` powerless: the controller then impersonates the namespace's `default` service account. Without it, every such object — each tenant's included — is applied with the controller's own cluster-admin identity (threat model, adversary 3), and the change that does it is a few deleted lines in flux-system.",
  fix: "Keep the `--default-service-account` patch in the bootstrap kustomization; give the objects that need more rights a `serviceAccountName` bound to what they need.",
  examples: {
    base: bootstrap(LOCKDOWN_PATCH),
    bad: bootstrap(""),
    good: bootstrap(LOCKDOWN_PATCH.replace("default-service-account=default", "default-service-account=flux-tenant")),
  },
  scope: "change",
  check({ base, head }, context) {
    if (!base) return [];
    if (!isKustomizeConfigObject(base)) return objectDropsFlag(base, head);
    if (!isBootstrapKustomization(base)) return [];
    const before = lockedControllers(base, context.index.patchFiles);
    const after = head && isBootstrapKustomization(head) ? lockedControllers(head, context.index.patchFiles) : new Set();
    return LOCKABLE_CONTROLLERS.filter((controller) => before.has(controller) && !after.has(controller)).map((controller): ChangeHit => ({
      message: `no longer starts ${controller} with --default-service-account: every ${controller === "helm-controller" ? "HelmRelease" : "Kustomization"} without serviceAccountName is applied with ${controller}'s own (cluster-admin) identity again.`,
      at: ["patches"],
      side: head ? "head" : "base",
      key: `lockdown:${controller}`,
    }));
  },
};

/**
 * Any other object that set the flag at base and does not at head (or is deleted): a patch file the bootstrap
 * kustomization applies (a JSON 6902 operation list or a strategic-merge Deployment), or a controller Deployment that
 * carries the flag itself.
 */
function objectDropsFlag(base: ManifestObject, head: ManifestObject | null): ChangeHit[] {
  const sets = (object: ManifestObject | null) => object !== null && setsDefaultServiceAccount(JSON.stringify(object.value));
  if (!sets(base) || sets(head)) return [];
  return [{ message: `no longer sets --default-service-account: the controllers it configured lose Flux's multi-tenancy lockdown.`, at: [], side: head ? "head" : "base", key: "lockdown:object" }];
}
