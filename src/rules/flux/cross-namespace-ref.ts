import { recordAt, stringAt } from "../../manifests/read-value.js";
import type { NodePath } from "../../manifests/types.js";
import type { Hit, ObjectRule } from "../types.js";
import { fluxKustomizationExample as example } from "./flux-examples.js";

/** Where each Flux kind refers to an object Flux resolves in a namespace: `group/Kind` → reference paths. */
const REFERENCES: ReadonlyMap<string, NodePath[]> = new Map([
  ["kustomize.toolkit.fluxcd.io/Kustomization", [["spec", "sourceRef"]]],
  ["helm.toolkit.fluxcd.io/HelmRelease", [["spec", "chart", "spec", "sourceRef"], ["spec", "chartRef"]]],
  ["image.toolkit.fluxcd.io/ImagePolicy", [["spec", "imageRepositoryRef"]]],
  ["image.toolkit.fluxcd.io/ImageUpdateAutomation", [["spec", "sourceRef"]]],
]);

/** A Flux object using a source (or image repository) from another namespace. */
export const crossNamespaceRef: ObjectRule = {
  id: "flux/cross-namespace-ref",
  severity: "high",
  title: "Flux object references another namespace's source",
  description:
    "A Flux Kustomization, HelmRelease, ImagePolicy or ImageUpdateAutomation has a `sourceRef` (or `chartRef`, `imageRepositoryRef`) whose `namespace` differs from its own, in a file some owning tenant without `clusterScoped: true` may change (the platform referencing its own `flux-system` sources is routine).",
  why: "A source in another namespace carries that namespace's credentials and trust: a tenant referencing `flux-system`'s GitRepository reads the platform repository with the platform's deploy key and applies it with its own settings. Flux's multi-tenancy lockdown (`--no-cross-namespace-refs`) forbids exactly this.",
  fix: "Reference a source in the object's own namespace; create a GitRepository (with its own credentials and `spec.verify`) for the tenant if needed.",
  examples: {
    bad: "# clusters/prod/payments/flux.yaml, tenant payments\n" + example("  serviceAccountName: payments-reconciler\n").replace("namespace: flux-system\nspec", "namespace: payments\nspec").replace("    name: flux-system\n", "    name: flux-system\n    namespace: flux-system\n"),
    good: "# clusters/prod/payments/flux.yaml\n" + example("  serviceAccountName: payments-reconciler\n").replace("namespace: flux-system\nspec", "namespace: payments\nspec").replace("    name: flux-system\n", "    name: payments\n"),
  },
  scope: "object",
  check(object, { tenants }) {
    if (tenants.length > 0 && tenants.every((t) => t.clusterScoped)) return [];
    const hits: Hit[] = [];
    for (const path of REFERENCES.get(`${object.group}/${object.kind}`) ?? []) {
      const ref = recordAt(object.value, path);
      const namespace = stringAt(ref, ["namespace"]);
      // Both sides must be known: an unset namespace is decided later (targetNamespace, kustomize) and not guessed.
      if (namespace === null || object.namespace === null || namespace === object.namespace) continue;
      const name = stringAt(ref, ["name"]) ?? "?";
      hits.push({
        message: `${path.join(".")} refers to ${stringAt(ref, ["kind"]) ?? "an object"} ${namespace}/${name} in another namespace.`,
        at: [...path, "namespace"],
        key: `${path.join(".")}:${namespace}/${name}`,
      });
    }
    return hits;
  },
};
