import { stringAt } from "../../manifests/read-value.js";
import type { ObjectRule } from "../types.js";
import { fluxKustomizationExample as example } from "./flux-examples.js";
import { isFluxKustomization } from "./flux-objects.js";
import { kustomizationScope } from "./kustomization-scope.js";

/** A tenant's Flux Kustomization applying a folder outside that tenant's folders. */
export const kustomizationPathEscape: ObjectRule = {
  id: "flux/kustomization-path-escape",
  severity: "high",
  title: "Tenant Flux Kustomization applies another folder",
  description:
    "A Flux Kustomization's `spec.path` (relative to the source root) leaves the repository, or resolves to a folder not owned by a tenant owning the Kustomization's file. Tenants with `clusterScoped: true` (the platform, whose job is to wire tenant folders) are not held to this.",
  why: "The tenant who writes a Kustomization chooses how a folder is applied: with its service account, into its namespace, decrypted with its SOPS key. Pointed at another tenant's folder, it copies that tenant's workloads and decrypted Secrets into a namespace the attacker controls, or applies them with weaker settings. The check is about the Kustomization file's own tenant, and reads the path as a folder of this repository.",
  fix: "Point `spec.path` at a folder the tenant owns; if the folder is shared, give the tenant ownership of it in the policy through the platform team.",
  examples: {
    bad: "# clusters/prod/payments/flux.yaml, tenant payments\n" + example("  serviceAccountName: payments-reconciler\n  targetNamespace: payments\n").replace("./clusters/prod/payments", "./clusters/prod/billing"),
    good: "# clusters/prod/payments/flux.yaml\n" + example("  serviceAccountName: payments-reconciler\n  targetNamespace: payments\n"),
  },
  scope: "object",
  check(object, context) {
    if (!isFluxKustomization(object)) return [];
    const scope = kustomizationScope(object, context);
    const written = stringAt(object.value, ["spec", "path"]) ?? "./";
    if (scope.path === null) {
      return [{ message: `spec.path ${written} climbs out of the source root.`, at: ["spec", "path"], key: `path:${written}` }];
    }
    const outside = context.tenants.filter((t) => !t.clusterScoped && !scope.contentOwners.some((o) => o.name === t.name));
    if (outside.length === 0) return [];
    const owners = scope.contentOwners.map((t) => t.name).join(", ") || "no tenant";
    return [{
      message: `spec.path ${written} is a folder owned by ${owners}, outside the folders of tenant ${outside.map((t) => t.name).join(", ")}.`,
      at: ["spec", "path"],
      key: `path:${scope.path}`,
    }];
  },
};
