import { recordAt, stringAt } from "../../manifests/read-value.js";
import type { ObjectRule } from "../types.js";
import { fluxKustomizationExample as example } from "./flux-examples.js";
import { FLUX_HELM_GROUP, isFluxKustomization } from "./flux-objects.js";

/** A Flux Kustomization or HelmRelease applying to another cluster through a kubeconfig Secret. */
export const kubeconfig: ObjectRule = {
  id: "flux/kubeconfig",
  severity: "high",
  title: "Flux applies with a kubeconfig",
  description: "A Flux Kustomization or HelmRelease sets `spec.kubeConfig` (a Secret holding a kubeconfig).",
  why: "The apply then runs with whatever credentials the kubeconfig holds, on whatever cluster it names (often admin on a remote cluster), instead of an in-cluster service account whose rights are visible in this repository.",
  fix: "Drop `spec.kubeConfig` and reconcile the remote cluster with its own Flux instance; if remote apply is intended (a hub-and-spoke layout), use a kubeconfig with a least-privilege identity (and `serviceAccountName` for impersonation) and record the decision as a `rules.exceptions` entry for these files on the base branch, with its reason.",
  examples: {
    bad: example("  kubeConfig:\n    secretRef:\n      name: prod-admin-kubeconfig\n"),
    good: example("  serviceAccountName: payments-reconciler\n"),
  },
  scope: "object",
  check(object) {
    const applies = isFluxKustomization(object) || (object.group === FLUX_HELM_GROUP && object.kind === "HelmRelease");
    const config = applies ? recordAt(object.value, ["spec", "kubeConfig"]) : null;
    if (config === null) return [];
    const secret = stringAt(config, ["secretRef", "name"]) ?? "?";
    return [{ message: `applies with the credentials of kubeconfig Secret ${secret}.`, at: ["spec", "kubeConfig"], key: `kubeconfig:${secret}` }];
  },
};
