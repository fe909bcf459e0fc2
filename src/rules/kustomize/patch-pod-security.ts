import { podSpecs } from "../../manifests/pod-specs.js";
import type { Hit, ObjectRule } from "../types.js";
import { writtenRisks } from "../pod-security/fields.js";
import { inlinePatches } from "./inline-patches.js";
import { patchObjects } from "./patch-objects.js";

/** An inline kustomize patch setting a pod field the pod-security rules treat as dangerous. */
export const patchPodSecurity: ObjectRule = {
  id: "kustomize/patch-pod-security",
  severity: "high",
  title: "Kustomize patch weakens pod security",
  description:
    "An inline patch in a kustomization (`patches`, `patchesStrategicMerge`, `patchesJson6902`; strategic-merge or JSON 6902) writes a pod field a `pod-security/` Baseline rule refuses (`privileged`, host namespaces, hostPath, host ports, capabilities outside Baseline, procMount, seccomp or AppArmor Unconfined, SELinux options, unsafe sysctls, HostProcess), or switches a Restricted protection off (`allowPrivilegeEscalation: true`, `runAsNonRoot: false`, `runAsUser: 0`).",
  why: "A patch is applied on top of a workload that looks harmless on its own: reviewing the Deployment shows nothing, and the privileged container only exists after `kustomize build`. A patch that sets the field is as dangerous as the field itself (node takeover through privileged or host namespaces, host filesystem access through hostPath).",
  fix: "Remove the setting from the patch; if the workload really needs it, put it in the workload manifest in a folder the platform team owns and reviews.",
  examples: {
    bad: "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deploy.yaml\npatches:\n  - target:\n      kind: Deployment\n      name: api\n    patch: |-\n      - op: add\n        path: /spec/template/spec/containers/0/securityContext/privileged\n        value: true\n",
    good: "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deploy.yaml\npatches:\n  - target:\n      kind: Deployment\n      name: api\n    patch: |-\n      - op: replace\n        path: /spec/replicas\n        value: 3\n",
  },
  scope: "object",
  check(object) {
    const hits: Hit[] = [];
    for (const patch of inlinePatches(object)) {
      // A block scalar's content lines follow its indicator line one to one; any other string sits on one line.
      const location = object.valueLocation(patch.at);
      for (const partial of patchObjects(patch)) {
        const target = `${partial.kind || "any kind"} ${partial.name ?? "(any name)"}`;
        for (const violation of podSpecs(partial, { partial: true }).flatMap((pod) => writtenRisks(partial.value, pod))) {
          const line = location?.blockScalar ? location.line + partial.lineOf(violation.at) : (location?.line ?? object.lineOf(patch.at));
          hits.push({
            message: `an inline patch for ${target}: ${violation.message}, exactly as if the manifest said so.`,
            at: patch.at,
            line,
            key: `${partial.kind}/${partial.name ?? "*"}:${violation.key}`,
          });
        }
      }
    }
    return hits;
  },
};
