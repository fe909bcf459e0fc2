import { isTruthy, stringAt, valueAt } from "../../manifests/read-value.js";
import type { Hit, ObjectRule } from "../types.js";
import { FLUX_IMAGE_GROUP, isFluxSource } from "./flux-objects.js";

/** A Flux source (or ImageRepository) fetched without TLS. */
export const sourceInsecure: ObjectRule = {
  id: "flux/source-insecure",
  severity: "high",
  title: "Flux source fetched without TLS",
  description: "A Flux source or ImageRepository sets `spec.insecure: true`, or its URL uses plain `http://`.",
  why: "Without TLS anyone on the network path (a compromised node, proxy or DNS) can substitute the charts, artifacts, images or commits Flux fetches; unless the content is also signature-verified, the cluster applies what the attacker served.",
  fix: "Use an `https://` (or `oci://` with TLS) endpoint and remove `insecure`; for a private CA, provide it with `spec.certSecretRef`.",
  examples: {
    bad: "apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: charts\n  namespace: flux-system\nspec:\n  url: http://charts.internal.example.com\n  interval: 1h\n",
    good: "apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: charts\n  namespace: flux-system\nspec:\n  url: https://charts.internal.example.com\n  interval: 1h\n",
  },
  scope: "object",
  check(object) {
    if (!isFluxSource(object) && !(object.group === FLUX_IMAGE_GROUP && object.kind === "ImageRepository")) return [];
    const hits: Hit[] = [];
    if (isTruthy(valueAt(object.value, ["spec", "insecure"]))) {
      hits.push({ message: "sets spec.insecure: true: it is fetched over plain HTTP (or without TLS verification).", at: ["spec", "insecure"], key: "insecure" });
    }
    const url = stringAt(object.value, ["spec", "url"]);
    if (url !== null && /^http:\/\//i.test(url)) {
      hits.push({ message: `spec.url ${url} is plain HTTP.`, at: ["spec", "url"], key: "http" });
    }
    return hits;
  },
};
