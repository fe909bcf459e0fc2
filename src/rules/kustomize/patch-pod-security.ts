import { podSpecs } from "../../manifests/pod-specs.js";
import type { Hit, ObjectRule } from "../types.js";
import { writtenRisks } from "../pod-security/fields.js";
import { patchSources } from "./patch-sources.js";

const opsFile = (value: string) =>
  `# clusters/prod/payments/ops.yaml, applied by clusters/prod/payments/kustomization.yaml:\n#   patches: [{path: ops.yaml, target: {kind: Deployment, name: api}}]\n- op: replace\n  path: /spec/replicas\n  value: 3\n${value}`;

/** A kustomize patch (inline, or a JSON 6902 patch file) setting a pod field the pod-security rules treat as dangerous. */
export const patchPodSecurity: ObjectRule = {
  id: "kustomize/patch-pod-security",
  severity: "high",
  title: "Kustomize patch weakens pod security",
  description:
    "An inline patch in a kustomization (`patches`, `patchesStrategicMerge`, `patchesJson6902`; strategic-merge or JSON 6902), or a changed JSON 6902 patch file (a YAML or JSON operation list a kustomization applies with `patches: [{path: …, target: …}]` or `patchesJson6902`), writes a pod field a `pod-security/` Baseline rule refuses (`privileged`, host namespaces, hostPath, host ports, capabilities outside Baseline, procMount, seccomp or AppArmor Unconfined, SELinux options, unsafe sysctls, HostProcess), or switches a Restricted protection off (`allowPrivilegeEscalation: true`, `runAsNonRoot: false`, `runAsUser: 0`). A patch file is judged against the target a kustomization in the change gives it, or as a patch of any workload when none does. Strategic-merge patch files are manifests themselves, checked by the `pod-security/` rules.",
  why: "A patch is applied on top of a workload that looks harmless on its own: reviewing the Deployment shows nothing, and the privileged container only exists after `kustomize build`. A patch that sets the field is as dangerous as the field itself (node takeover through privileged or host namespaces, host filesystem access through hostPath), whether it is written in the kustomization or in a file next to it.",
  fix: "Remove the setting from the patch; if the workload really needs it, put it in the workload manifest in a folder the platform team owns and reviews.",
  examples: {
    bad: opsFile("- op: add\n  path: /spec/template/spec/containers/0/securityContext/privileged\n  value: true\n"),
    good: opsFile("- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: ghcr.io/example/api:1.4.3\n"),
  },
  scope: "object",
  check(object) {
    const hits: Hit[] = [];
    for (const source of patchSources(object)) {
      for (const partial of source.partials()) {
        const patch = source.describe({ group: partial.group || null, kind: partial.kind || null, name: partial.name });
        for (const violation of podSpecs(partial, { partial: true }).flatMap((pod) => writtenRisks(partial.value, pod))) {
          hits.push({
            message: `${patch}: ${violation.message}, exactly as if the manifest said so.`,
            at: source.at,
            line: partial.lineOf(violation.at),
            key: `${partial.kind}/${partial.name ?? "*"}:${violation.key}`,
          });
        }
      }
    }
    return hits;
  },
};
