import { recordAt, stringAt } from "../../manifests/read-value.js";
import type { Hit, ObjectRule } from "../types.js";
import { readablePartials } from "./patch-sources.js";

/** The Flux kinds whose `spec.kubeConfig` sends the apply to another cluster; "" is a patch with no target kind. */
const APPLIERS = new Set(["Kustomization", "HelmRelease", ""]);

const fluxKustomization = (patch: string) =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  interval: 10m\n  serviceAccountName: platform-reconciler\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  path: ./deploy/apps\n  prune: true\n  patches:\n    - target:\n        kind: HelmRelease\n      patch: |\n${patch.replace(/^/gm, "        ")}`;

/** A patch giving Flux Kustomizations or HelmReleases a kubeconfig: what `flux/kubeconfig` reports in a manifest. */
export const patchKubeconfig: ObjectRule = {
  id: "kustomize/patch-kubeconfig",
  severity: "high",
  title: "Kustomize patch makes Flux apply with a kubeconfig",
  description:
    "A kustomize patch — inline in a kustomization or a Flux Kustomization's `spec.patches`, a changed JSON 6902 patch file, a patch file a changed kustomization newly applies, or a HelmRelease post-renderer's — sets `spec.kubeConfig` on the Flux Kustomizations or HelmReleases it targets (or on any kind, for a patch without a target kind): what `flux/kubeconfig` reports in a manifest. Flux's hub-and-spoke layout does this on purpose; record it as an exception there.",
  why: "The objects' manifests show an in-cluster apply; the patch sends them to whatever cluster the kubeconfig names, with whatever credentials it holds (often admin on a remote cluster), out of reach of the service accounts whose rights this repository shows.",
  fix: "Remove `spec.kubeConfig` from the patch; if remote apply is intended, use a kubeconfig with a least-privilege identity and record the decision as a `rules.exceptions` entry for this file on the base branch, with its reason.",
  examples: {
    bad: fluxKustomization("- op: add\n  path: /spec/kubeConfig\n  value:\n    secretRef:\n      name: cluster-kubeconfig\n"),
    good: fluxKustomization("- op: add\n  path: /spec/serviceAccountName\n  value: flux-restricted\n"),
  },
  scope: "object",
  check(object, context) {
    const hits: Hit[] = [];
    for (const { source, partial } of readablePartials(object, context.index.patchFiles)) {
      const config = APPLIERS.has(partial.kind) ? recordAt(partial.value, ["spec", "kubeConfig"]) : null;
      if (config === null) continue;
      const secret = stringAt(config, ["secretRef", "name"]) ?? "?";
      const line = partial.lineOf(["spec", "kubeConfig"]);
      const target = { group: partial.group || null, kind: partial.kind || null, name: partial.name };
      hits.push({
        message: `${source.describe(target, line)} sets spec.kubeConfig: it is applied with the credentials of kubeconfig Secret ${secret}, exactly as if the manifest said so.`,
        at: source.at,
        line: source.reportedLine(line),
        key: `${source.key}${partial.kind}/${partial.name ?? "*"}:kubeconfig:${secret}`,
      });
    }
    return hits;
  },
};
