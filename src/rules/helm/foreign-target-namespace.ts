import { stringAt } from "../../manifests/read-value.js";
import { tenantsRefusing } from "../tenancy/tenants-refusing.js";
import type { Hit, ObjectRule } from "../types.js";
import { helmReleaseExample as release } from "./helm-example.js";
import { isHelmRelease } from "./helm-objects.js";

const FIELDS = [
  ["targetNamespace", "installs the chart's objects into"],
  ["storageNamespace", "stores the Helm release (its history Secrets) in"],
] as const;

/** A HelmRelease installing into, or keeping its release in, a namespace the owning tenant does not own. */
export const foreignTargetNamespace: ObjectRule = {
  id: "helm/foreign-target-namespace",
  severity: "high",
  title: "HelmRelease targets another tenant's namespace",
  description: "A HelmRelease's `spec.targetNamespace` or `spec.storageNamespace` is not in the `namespaces` of a namespace-restricted tenant owning its file (the HelmRelease's own namespace is `tenancy/foreign-namespace`'s).",
  why: "targetNamespace puts every namespaced object the chart renders into that namespace, next to another team's Secrets and service accounts; storageNamespace writes the release Secrets there, which hold the full values (credentials included) and which Helm trusts on the next upgrade.",
  fix: "Set both to one of the tenant's own namespaces, or leave them unset so the HelmRelease's namespace is used.",
  examples: {
    bad: "# clusters/prod/payments/release.yaml, tenant payments owns namespace payments\n" + release("  targetNamespace: kube-system\n"),
    good: "# clusters/prod/payments/release.yaml\n" + release("  targetNamespace: payments\n  storageNamespace: payments\n"),
  },
  scope: "object",
  check(object, { tenants }) {
    if (!isHelmRelease(object)) return [];
    const hits: Hit[] = [];
    for (const [field, does] of FIELDS) {
      const namespace = stringAt(object.value, ["spec", field]);
      const refused = namespace === null ? [] : tenantsRefusing(tenants, namespace);
      if (refused.length === 0) continue;
      hits.push({ message: `${does} namespace ${namespace}, which tenant ${refused.join(", ")} does not own.`, at: ["spec", field], key: `${field}:${namespace}:${refused.join(",")}` });
    }
    return hits;
  },
};
