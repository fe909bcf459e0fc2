import { stringAt } from "../../manifests/read-value.js";
import type { ObjectRule } from "../types.js";
import { fluxKustomizationExample as example } from "./flux-examples.js";
import { isFluxKustomization } from "./flux-objects.js";
import { kustomizationScope } from "./kustomization-scope.js";

/** A Flux Kustomization for a namespace-restricted tenant that does not pin the namespace. */
export const kustomizationNoTargetNamespace: ObjectRule = {
  id: "flux/kustomization-no-target-namespace",
  severity: "medium",
  title: "Tenant Flux Kustomization without targetNamespace",
  description:
    "A Flux Kustomization has no `spec.targetNamespace` while a tenant owning it, or owning the folder it applies, is restricted to `namespaces`. Kustomizations that only involve unrestricted (platform) tenants are not reported.",
  why: "Without targetNamespace, each manifest's own `metadata.namespace` decides where it lands, so the tenant's folder can place objects in any namespace its service account reaches. The service account's RBAC still applies, which is why this is medium; targetNamespace makes the boundary explicit.",
  fix: "Set `spec.targetNamespace` to the tenant's namespace.",
  examples: {
    bad: example("  serviceAccountName: payments-reconciler\n"),
    good: example("  serviceAccountName: payments-reconciler\n  targetNamespace: payments\n"),
  },
  judgesMissingFields: true,
  scope: "object",
  check(object, context) {
    if (!isFluxKustomization(object) || stringAt(object.value, ["spec", "targetNamespace"]) !== null) return [];
    const restricted = kustomizationScope(object, context).involved.filter((t) => t.namespaces.length > 0);
    if (restricted.length === 0) return [];
    return [{
      message: `has no spec.targetNamespace although tenant ${restricted.map((t) => t.name).join(", ")} is limited to its namespaces.`,
      at: ["spec"],
      key: `target-namespace:${restricted.map((t) => t.name).join(",")}`,
    }];
  },
};
