import { isTruthy, valueAt } from "../../manifests/read-value.js";
import type { Hit, ObjectRule } from "../types.js";

const CLUSTER_WIDE = "sealedsecrets.bitnami.com/cluster-wide";

const sealed = (annotations: string) =>
  `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\n  namespace: payments\n${annotations}spec:\n  encryptedData:\n    password: AgBy8hCi8kX3n0Y6Q2JmZW1wbGUtY2lwaGVydGV4dA==\n  template:\n    metadata:\n      name: db\n      namespace: payments\n`;

/** A SealedSecret sealed with cluster-wide scope: its ciphertext decrypts in any namespace, under any name. */
export const sealedSecretClusterWide: ObjectRule = {
  id: "secrets/sealed-secret-cluster-wide",
  severity: "medium",
  title: "SealedSecret with cluster-wide scope",
  description:
    "A SealedSecret (`bitnami.com`) carries `sealedsecrets.bitnami.com/cluster-wide: \"true\"`, on its own metadata or in `spec.template.metadata`, which tells the controller to unseal it whatever its namespace and name. Strict (default) and namespace-wide scopes are not reported.",
  why: "A strict SealedSecret only decrypts under its own namespace and name, so its ciphertext is safe to publish. A cluster-wide one can be copied by anyone who can create a SealedSecret in any namespace — another tenant included — and the controller will unseal the credential there for them.",
  fix: "Seal the value with the default strict scope (`kubeseal` without `--scope cluster-wide`) for the namespace and name it is used in; seal it once per namespace when several need it.",
  examples: {
    bad: sealed(`  annotations:\n    ${CLUSTER_WIDE}: "true"\n`),
    good: sealed(""),
  },
  scope: "object",
  check(object) {
    if (object.group !== "bitnami.com" || object.kind !== "SealedSecret") return [];
    const hits: Hit[] = [];
    for (const at of [["metadata", "annotations", CLUSTER_WIDE], ["spec", "template", "metadata", "annotations", CLUSTER_WIDE]]) {
      if (!isTruthy(valueAt(object.value, at))) continue;
      hits.push({ message: `${at.slice(0, -1).join(".")} sets ${CLUSTER_WIDE}: "true": its ciphertext unseals in any namespace under any name.`, at, key: "cluster-wide" });
    }
    return hits;
  },
};
