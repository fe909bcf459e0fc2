import { podSpecs } from "../../manifests/pod-specs.js";
import { writtenRisks } from "../pod-security/fields.js";
import type { Hit, ObjectRule } from "../types.js";
import { helmReleaseExample as release } from "./helm-example.js";
import { postRendererPatches } from "./post-renderer-patches.js";

const renderer = (patch: string) =>
  release(`  postRenderers:\n    - kustomize:\n        patches:\n          - target:\n              kind: Deployment\n              name: api\n            patch: |\n${patch.replace(/^/gm, "              ")}\n`);
const PRIVILEGED = "- op: add\n  path: /spec/template/spec/containers/0/securityContext\n  value:\n    privileged: true";
const REPLICAS = "- op: replace\n  path: /spec/replicas\n  value: 3";
const targetOf = (t: { kind: string | null; name: string | null }) => `${t.kind ?? "any kind"} ${t.name ?? "(any name)"}`;

/** HelmRelease post-renderers: kustomize patches applied to whatever the chart renders. */
export const POST_RENDERER_RULES: ObjectRule[] = [
  {
    id: "helm/post-renderer",
    severity: "medium",
    title: "HelmRelease post-renderer patch",
    description: "A HelmRelease's `spec.postRenderers` adds or changes a kustomize patch (`patches`, or v2beta1's `patchesStrategicMerge` and `patchesJson6902`). Each patch is identified by its target and content, so a reformatted HelmRelease is not reported again.",
    why: "A post-renderer rewrites the chart's output after Helm renders it and before it is applied: it can change any field of any object the chart creates (RBAC, webhooks, pod specs), and what it produces is never visible in this repository. Patches that set a known dangerous pod field are `helm/post-renderer-pod-security`'s; this rule asks a reviewer to read the rest.",
    fix: "Prefer a chart value for the change; if a patch is unavoidable, keep it minimal and targeted (`target.kind` and `target.name`) and review it as you would the manifests it changes.",
    examples: { bad: renderer(REPLICAS), good: release("  values:\n    replicaCount: 3\n") },
    scope: "object",
    check: (object) =>
      postRendererPatches(object).map((patch) => ({
        message: `a post-renderer patch for ${targetOf(patch.target)} rewrites the chart's rendered output, which this gate does not see.`,
        at: patch.at,
        key: patch.key,
      })),
  },
  {
    id: "helm/post-renderer-pod-security",
    severity: "high",
    title: "HelmRelease post-renderer weakens pod security",
    description:
      "A HelmRelease post-renderer patch writes a pod field a `pod-security/` Baseline rule refuses (privileged, host namespaces, hostPath, host ports, capabilities outside Baseline, procMount, seccomp or AppArmor Unconfined, SELinux options, unsafe sysctls, HostProcess) or switches a Restricted protection off (`allowPrivilegeEscalation: true`, `runAsNonRoot: false`, `runAsUser: 0`), read with the same predicates as the workload rules.",
    why: "The chart and its values can look hardened while a post-renderer patch makes the rendered pod privileged: the patch is exact (not a values heuristic), and as dangerous as the field written in a manifest (threat model, adversary 4).",
    fix: "Remove the setting from the patch; if the workload really needs it, install the chart from a platform-owned folder under an exception.",
    examples: { bad: renderer(PRIVILEGED), good: renderer(REPLICAS) },
    scope: "object",
    check(object) {
      const hits: Hit[] = [];
      for (const patch of postRendererPatches(object)) {
        for (const partial of patch.partials()) {
          for (const violation of podSpecs(partial, { partial: true }).flatMap((pod) => writtenRisks(partial.value, pod))) {
            hits.push({
              message: `a post-renderer patch for ${targetOf({ kind: partial.kind || null, name: partial.name })}: ${violation.message}, exactly as if the chart rendered it.`,
              at: patch.at,
              line: partial.lineOf(violation.at),
              key: `${partial.kind}/${partial.name ?? "*"}:${violation.key}`,
            });
          }
        }
      }
      return hits;
    },
  },
];
