import { isLockedDown } from "../../manifests/flux-lockdown.js";
import { stringAt } from "../../manifests/read-value.js";
import type { ObjectRule } from "../types.js";
import { fluxKustomizationExample as example } from "./flux-examples.js";
import { isFluxKustomization } from "./flux-objects.js";
import { serviceAccountInjected } from "./injected-service-account.js";

/** A Flux Kustomization applied with the controller's own identity. */
export const kustomizationNoServiceAccount: ObjectRule = {
  id: "flux/kustomization-no-service-account",
  severity: "critical",
  title: "Flux Kustomization without serviceAccountName",
  description:
    "A Flux Kustomization has no `spec.serviceAccountName` (and no `spec.kubeConfig`), and the base does not run kustomize-controller with `--default-service-account` for the cluster the file belongs to (Flux's multi-tenancy lockdown, set by a patch in the bootstrap kustomization that lists `gotk-components.yaml`; a file outside every cluster's folder needs the lockdown in all of them), and the base's Flux Kustomizations applying its folder do not all set one through `spec.patches`.",
  why: "Without it kustomize-controller applies with its own service account, bound to cluster-admin by `flux bootstrap`: everything in the folder, ClusterRoleBindings included, is applied with full cluster rights (threat model, adversary 3). Flux's multi-tenancy lockdown exists to make this impossible.",
  fix: "Set `spec.serviceAccountName` to a service account in the Kustomization's namespace bound only to what the folder needs (a RoleBinding in the tenant's namespace), or run kustomize-controller with `--default-service-account`.",
  examples: {
    bad: example("  targetNamespace: payments\n"),
    good: example("  targetNamespace: payments\n  serviceAccountName: payments-reconciler\n"),
  },
  judgesMissingFields: true,
  scope: "object",
  check(object, { index }) {
    // Under the lockdown it runs as the `default` service account of its namespace, not as the controller.
    if (!isFluxKustomization(object) || isLockedDown(index.lockdown, "kustomize-controller", object.path)) return [];
    // The Kustomizations applying its folder give it one through their spec.patches.
    if (serviceAccountInjected(index, "Kustomization", object.path)) return [];
    if (stringAt(object.value, ["spec", "serviceAccountName"]) !== null || stringAt(object.value, ["spec", "kubeConfig", "secretRef", "name"]) !== null) return [];
    return [{ message: "has no spec.serviceAccountName: it is applied with kustomize-controller's own (cluster-admin) identity.", at: ["spec"], key: "service-account" }];
  },
};
