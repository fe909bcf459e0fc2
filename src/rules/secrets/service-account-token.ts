import { stringAt } from "../../manifests/read-value.js";
import type { ObjectRule } from "../types.js";
import { secretExample } from "./secret-examples.js";
import { isSecret } from "./secret-entries.js";

const ANNOTATION = "kubernetes.io/service-account.name";

/** A Secret that asks the control plane for a non-expiring ServiceAccount token. */
export const serviceAccountToken: ObjectRule = {
  id: "secrets/service-account-token",
  severity: "medium",
  title: "Long-lived ServiceAccount token Secret",
  description:
    "A `v1` Secret of `type: kubernetes.io/service-account-token`: the token controller fills it with a token for the ServiceAccount its `kubernetes.io/service-account.name` annotation names. A token value written in the manifest itself is also reported by `secrets/plaintext-secret`.",
  why: "The token never expires and is not bound to a pod or an audience: whoever reads the Secret (anyone with `get secrets` in the namespace, a backup, a debug dump) can act as the ServiceAccount from anywhere, and keeps that power after their own access is revoked. It is medium because the ServiceAccount's own permissions bound it; a token for a powerful account is a persistent backdoor.",
  fix: "Remove the Secret and use short-lived tokens: projected ServiceAccount token volumes in pods, `kubectl create token` or the TokenRequest API for clients outside the cluster, or workload identity federation for CI.",
  examples: {
    bad: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ci-deployer-token\n  namespace: payments\n  annotations:\n    ${ANNOTATION}: ci-deployer\ntype: kubernetes.io/service-account-token\n`,
    good: secretExample("data: {}\n", "ci-deployer-config"),
  },
  scope: "object",
  check(object) {
    if (!isSecret(object) || stringAt(object.value, ["type"]) !== "kubernetes.io/service-account-token") return [];
    const account = stringAt(object.value, ["metadata", "annotations", ANNOTATION]);
    const who = account === null ? "the ServiceAccount its annotation should name (none is set)" : `ServiceAccount ${account}`;
    return [{ message: `is a service-account-token Secret: it holds a non-expiring token for ${who}.`, at: ["type"], key: `token:${account ?? ""}` }];
  },
};
