import { stringAt } from "../../manifests/read-value.js";
import { tenantsRefusing } from "../tenancy/tenants-refusing.js";
import type { ObjectRule } from "../types.js";
import { fluxKustomizationExample as example } from "./flux-examples.js";
import { isFluxKustomization } from "./flux-objects.js";
import { kustomizationScope } from "./kustomization-scope.js";

/** A Flux Kustomization applying a tenant's content into a namespace that tenant does not own. */
export const kustomizationForeignTargetNamespace: ObjectRule = {
  id: "flux/kustomization-foreign-target-namespace",
  severity: "high",
  title: "Flux Kustomization targets another tenant's namespace",
  description:
    "A Flux Kustomization's `spec.targetNamespace` is not in the `namespaces` of a namespace-restricted tenant that owns the Kustomization's file or the folder it applies.",
  why: "targetNamespace moves every namespaced object of the folder into that namespace: the tenant's Deployments then run next to another team's Secrets and service accounts, inside its NetworkPolicies.",
  fix: "Set `spec.targetNamespace` to one of the tenant's own namespaces (or add the namespace to the tenant in the policy, through the platform team).",
  examples: {
    bad: example("  serviceAccountName: payments-reconciler\n  targetNamespace: kube-system\n"),
    good: example("  serviceAccountName: payments-reconciler\n  targetNamespace: payments\n"),
  },
  scope: "object",
  check(object, context) {
    const namespace = stringAt(object.value, ["spec", "targetNamespace"]);
    if (!isFluxKustomization(object) || namespace === null) return [];
    const refused = tenantsRefusing(kustomizationScope(object, context).involved, namespace);
    if (refused.length === 0) return [];
    return [{
      message: `applies into namespace ${namespace}, which tenant ${refused.join(", ")} does not own.`,
      at: ["spec", "targetNamespace"],
      key: `target-namespace:${namespace}:${refused.join(",")}`,
    }];
  },
};
