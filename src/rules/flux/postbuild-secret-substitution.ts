import { arrayAt, stringAt } from "../../manifests/read-value.js";
import type { Hit, ObjectRule } from "../types.js";
import { fluxKustomizationExample as example } from "./flux-examples.js";
import { isFluxKustomization } from "./flux-objects.js";
import { kustomizationScope } from "./kustomization-scope.js";

/** A Flux Kustomization substituting variables from a Secret into the manifests. */
export const postbuildSecretSubstitution: ObjectRule = {
  id: "flux/postbuild-secret-substitution",
  severity: "high",
  title: "Flux Kustomization substitutes from a Secret",
  description:
    "A Flux Kustomization lists a Secret in `spec.postBuild.substituteFrom` while a tenant without `clusterScoped: true` owns its file or the folder it applies (the platform substituting into its own folders is not reported).",
  why: "Every key of the Secret becomes a `${VAR}` the applied folder's manifests can expand, and the Secret is read from the Kustomization's namespace (often flux-system, next to the Git credentials). Whoever writes that folder can put `${TOKEN}` into a ConfigMap or an annotation and read the value back in plain text.",
  fix: "Substitute from a ConfigMap for non-secret values; deliver secrets to workloads as Secrets (SOPS, External Secrets) mounted by the pods that need them.",
  examples: {
    bad: example("  serviceAccountName: payments-reconciler\n  postBuild:\n    substituteFrom:\n      - kind: Secret\n        name: cluster-secrets\n"),
    good: example("  serviceAccountName: payments-reconciler\n  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: cluster-settings\n"),
  },
  scope: "object",
  check(object, context) {
    if (!isFluxKustomization(object)) return [];
    const involved = kustomizationScope(object, context).involved;
    if (involved.length > 0 && involved.every((t) => t.clusterScoped)) return [];
    const hits: Hit[] = [];
    arrayAt(object.value, ["spec", "postBuild", "substituteFrom"]).forEach((ref, i) => {
      if (stringAt(ref, ["kind"]) !== "Secret") return;
      const name = stringAt(ref, ["name"]) ?? "?";
      hits.push({ message: `expands the values of Secret ${name} into the applied manifests.`, at: ["spec", "postBuild", "substituteFrom", i], key: `secret:${name}` });
    });
    return hits;
  },
};
