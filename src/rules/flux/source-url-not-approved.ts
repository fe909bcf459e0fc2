import { stringAt } from "../../manifests/read-value.js";
import type { NodePath } from "../../manifests/types.js";
import type { ObjectRule } from "../types.js";
import { isFluxSource } from "./flux-objects.js";

/** A Flux source pointing outside the policy's approved `rules.sources` prefixes. */
export const sourceUrlNotApproved: ObjectRule = {
  id: "flux/source-url-not-approved",
  severity: "high",
  title: "Flux source outside the approved list",
  description:
    "When the policy lists `rules.sources`, a GitRepository, HelmRepository or OCIRepository `spec.url` (or a Bucket's `endpoint/bucketName`) that starts with none of them (a plain prefix match on the URL as written).",
  why: "A source is code the cluster will run: a new URL from an unvetted host (a personal fork, a look-alike domain) brings content this organisation does not control, signed by keys it never chose.",
  fix: "Use a source under one of the approved prefixes, or have the platform team add the new one to `rules.sources` in the policy on the base branch.",
  examples: {
    bad: "# policy: rules.sources: [\"ssh://git@github.com/example/\"]\napiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: tools\n  namespace: flux-system\nspec:\n  url: https://github.com/someone-else/tools\n  interval: 5m\n",
    good: "# policy: rules.sources: [\"ssh://git@github.com/example/\"]\napiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: tools\n  namespace: flux-system\nspec:\n  url: ssh://git@github.com/example/tools\n  interval: 5m\n",
  },
  scope: "object",
  check(object, { params }) {
    if (params.sources.length === 0 || !isFluxSource(object) || object.kind === "HelmChart") return [];
    let url = stringAt(object.value, ["spec", "url"]);
    let at: NodePath = ["spec", "url"];
    if (object.kind === "Bucket") {
      const endpoint = stringAt(object.value, ["spec", "endpoint"]);
      url = endpoint === null ? null : `${endpoint}/${stringAt(object.value, ["spec", "bucketName"]) ?? ""}`;
      at = ["spec", "endpoint"];
    }
    if (url === null || params.sources.some((prefix) => url.startsWith(prefix))) return [];
    return [{ message: `${url} is not under an approved source (rules.sources).`, at, key: `url:${url}` }];
  },
};
