import { podSpecs } from "../../manifests/pod-specs.js";
import type { Hit, ObjectRule } from "../types.js";
import { writtenRisks } from "../pod-security/fields.js";
import { patchSources, unreadHit } from "./patch-sources.js";

const opsFile = (value: string) =>
  `# clusters/prod/payments/ops.yaml, applied by clusters/prod/payments/kustomization.yaml:\n#   patches: [{path: ops.yaml, target: {kind: Deployment, name: api}}]\n- op: replace\n  path: /spec/replicas\n  value: 3\n${value}`;

/** A kustomize patch (inline, or a JSON 6902 patch file) setting a pod field the pod-security rules treat as dangerous. */
export const patchPodSecurity: ObjectRule = {
  id: "kustomize/patch-pod-security",
  severity: "high",
  title: "Kustomize patch weakens pod security",
  description:
    "An inline patch in a kustomization (`patches`, `patchesStrategicMerge`, `patchesJson6902`; strategic-merge or JSON 6902) or in a Flux Kustomization (`spec.patches`, and v1beta2's `spec.patchesStrategicMerge`/`spec.patchesJson6902`), a changed JSON 6902 patch file (a YAML or JSON operation list a kustomization applies with `patches: [{path: …, target: …}]` or `patchesJson6902`), or a patch file a changed kustomization newly applies (a new reference or a new target, to a file the change leaves untouched — read from the base tree's index — or to a touched strategic-merge patch file), writes a pod field a `pod-security/` Baseline rule refuses (`privileged`, host namespaces, hostPath, host ports, capabilities outside Baseline, procMount, seccomp or AppArmor Unconfined, SELinux options, unsafe sysctls, HostProcess), or switches a Restricted protection off (`allowPrivilegeEscalation: true`, `runAsNonRoot: false`, `runAsUser: 0`). A changed patch file is judged against the target a kustomization in the change gives it, or as a patch of any workload when none does; a newly applied file is reported on the reference that applies it, naming the file and the line in it, unless the base kustomization already applied the same file to the same target. A referenced patch file the gate cannot read (too large, a symlink, YAML it cannot parse, beyond the index's budget) fails closed; one that exists nowhere applies nothing (kustomize fails the build). Strategic-merge patch files are also manifests themselves, checked by the `pod-security/` rules.",
  why: "A patch is applied on top of a workload that looks harmless on its own: reviewing the Deployment shows nothing, and the privileged container only exists after `kustomize build`. A patch that sets the field is as dangerous as the field itself (node takeover through privileged or host namespaces, host filesystem access through hostPath), whether it is written in the kustomization or in a file next to it.",
  fix: "Remove the setting from the patch; if the workload really needs it, put it in the workload manifest in a folder the platform team owns and reviews.",
  examples: {
    bad: opsFile("- op: add\n  path: /spec/template/spec/containers/0/securityContext/privileged\n  value: true\n"),
    good: opsFile("- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: ghcr.io/example/api:1.4.3\n"),
  },
  scope: "object",
  check(object, { index }) {
    const hits: Hit[] = [];
    for (const source of patchSources(object, index.patchFiles)) {
      const unread = unreadHit(source, "the pod fields it sets");
      if (unread) {
        hits.push(unread);
        continue;
      }
      for (const partial of source.partials()) {
        const target = { group: partial.group || null, kind: partial.kind || null, name: partial.name };
        for (const violation of podSpecs(partial, { partial: true }).flatMap((pod) => writtenRisks(partial.value, pod))) {
          const line = partial.lineOf(violation.at);
          hits.push({
            message: `${source.describe(target, line)}: ${violation.message}, exactly as if the manifest said so.`,
            at: source.at,
            line: source.reportedLine(line),
            key: `${source.key}${partial.kind}/${partial.name ?? "*"}:${violation.key}`,
          });
        }
      }
    }
    return hits;
  },
};
