import { stringAt } from "../../manifests/read-value.js";
import type { ObjectRule } from "../types.js";
import { fluxKustomizationExample as example } from "./flux-examples.js";
import { isFluxKustomization } from "./flux-objects.js";

/** A Flux Kustomization applied with the controller's own identity. */
export const kustomizationNoServiceAccount: ObjectRule = {
  id: "flux/kustomization-no-service-account",
  severity: "critical",
  title: "Flux Kustomization without serviceAccountName",
  description: "A Flux Kustomization has no `spec.serviceAccountName` (and no `spec.kubeConfig`).",
  why: "Without it kustomize-controller applies with its own service account, bound to cluster-admin by `flux bootstrap`: everything in the folder, ClusterRoleBindings included, is applied with full cluster rights (threat model, adversary 3). Flux's multi-tenancy lockdown exists to make this impossible.",
  fix: "Set `spec.serviceAccountName` to a service account in the Kustomization's namespace bound only to what the folder needs (a RoleBinding in the tenant's namespace), or run kustomize-controller with `--default-service-account`.",
  examples: {
    bad: example("  targetNamespace: payments\n"),
    good: example("  targetNamespace: payments\n  serviceAccountName: payments-reconciler\n"),
  },
  judgesMissingFields: true,
  scope: "object",
  check(object) {
    if (!isFluxKustomization(object)) return [];
    if (stringAt(object.value, ["spec", "serviceAccountName"]) !== null || stringAt(object.value, ["spec", "kubeConfig", "secretRef", "name"]) !== null) return [];
    return [{ message: "has no spec.serviceAccountName: it is applied with kustomize-controller's own (cluster-admin) identity.", at: ["spec"], key: "service-account" }];
  },
};
