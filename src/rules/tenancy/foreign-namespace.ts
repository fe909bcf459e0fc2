import { KUSTOMIZE_CONFIG_GROUP } from "../../manifests/is-kustomize-config-file.js";
import { stringAt } from "../../manifests/read-value.js";
import type { NodePath } from "../../manifests/types.js";
import type { ObjectRule } from "../types.js";
import { isClusterScoped } from "./cluster-scoped-kinds.js";
import { tenantsRefusing } from "./tenants-refusing.js";

/** An object placed (or a kustomization moving objects) into a namespace an owning tenant does not own. */
export const foreignNamespace: ObjectRule = {
  id: "tenancy/foreign-namespace",
  severity: "high",
  title: "Object in a namespace the tenant does not own",
  description:
    "An object's `metadata.namespace` (or a kustomization's `namespace:`, which moves every object it builds) is not in the `namespaces` list of a tenant owning the folder. Tenants without a `namespaces` list are not restricted.",
  why: "Namespaces are the isolation boundary between tenants: a Deployment in another team's namespace runs with their service accounts, mounts their Secrets and sits behind their NetworkPolicies. If any owner of the folder is restricted, a change by that owner must stay in its namespaces.",
  fix: "Use one of the tenant's namespaces, or drop `metadata.namespace` and let the tenant's Flux Kustomization set it with `targetNamespace`.",
  examples: {
    bad: "# clusters/prod/payments/deploy.yaml, tenant payments owns namespace payments\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: kube-system\n",
    good: "# clusters/prod/payments/deploy.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: payments\n",
  },
  scope: "object",
  check(object, { tenants, index }) {
    const isKustomization = object.group === KUSTOMIZE_CONFIG_GROUP;
    if (!isKustomization && isClusterScoped(object.group, object.kind, index)) return [];
    const at: NodePath = isKustomization ? ["namespace"] : ["metadata", "namespace"];
    const namespace = isKustomization ? stringAt(object.value, at) : object.namespace;
    if (namespace === null) return [];
    const refused = tenantsRefusing(tenants, namespace);
    if (refused.length === 0) return [];
    const what = isKustomization ? "moves every object it builds into namespace" : "is in namespace";
    return [{ message: `${what} ${namespace}, which tenant ${refused.join(", ")} does not own.`, at, key: `namespace:${namespace}:${refused.join(",")}` }];
  },
};
