import { isLockedDown } from "../../manifests/flux-lockdown.js";
import { stringAt } from "../../manifests/read-value.js";
import type { ObjectRule } from "../types.js";
import { helmReleaseExample as release } from "./helm-example.js";
import { serviceAccountInjected } from "../flux/injected-service-account.js";
import { isHelmRelease } from "./helm-objects.js";

/** A HelmRelease installed with helm-controller's own identity. */
export const noServiceAccount: ObjectRule = {
  id: "helm/no-service-account",
  severity: "high",
  title: "HelmRelease without serviceAccountName",
  description:
    "A HelmRelease has no `spec.serviceAccountName` (and no `spec.kubeConfig`), and the base does not run helm-controller with `--default-service-account` for the cluster the file belongs to (Flux's multi-tenancy lockdown, set by a patch in the bootstrap kustomization that lists `gotk-components.yaml`; a file outside every cluster's folder needs the lockdown in all of them), and the base's Flux Kustomizations applying its folder do not all set one through `spec.patches` (Flux's hub-and-spoke layout).",
  why: "helm-controller then installs the chart with its own service account, bound to cluster-admin by `flux bootstrap`: whatever the chart renders (ClusterRoleBindings, webhooks, objects in any namespace) is applied with full cluster rights, so a tenant's chart is as powerful as the platform. Flux's multi-tenancy lockdown (`--default-service-account`) exists to prevent exactly this.",
  fix: "Set `spec.serviceAccountName` to a service account in the HelmRelease's namespace bound only to what the chart needs, or run helm-controller with `--default-service-account`; platform charts that need cluster rights belong under an exception.",
  examples: { bad: release("", { serviceAccount: false }), good: release("") },
  judgesMissingFields: true,
  scope: "object",
  check(object, { index }) {
    // Under the lockdown it is installed as the `default` service account of its namespace, not as the controller.
    if (!isHelmRelease(object) || isLockedDown(index.lockdown, "helm-controller", object.path)) return [];
    // The Flux Kustomizations applying its folder give it one through their spec.patches (hub and spoke).
    if (serviceAccountInjected(index, "HelmRelease", object.path)) return [];
    if (stringAt(object.value, ["spec", "serviceAccountName"]) !== null || stringAt(object.value, ["spec", "kubeConfig", "secretRef", "name"]) !== null) return [];
    return [{ message: "has no spec.serviceAccountName: the chart is installed with helm-controller's own (cluster-admin) identity.", at: ["spec"], key: "service-account" }];
  },
};
