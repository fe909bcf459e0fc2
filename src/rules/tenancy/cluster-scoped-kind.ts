import { KUSTOMIZE_CONFIG_GROUP } from "../../manifests/is-kustomize-config-file.js";
import type { ObjectRule } from "../types.js";
import { isClusterScoped } from "./cluster-scoped-kinds.js";

/** A cluster-scoped object in a folder some owning tenant may not fill with cluster-scoped objects. */
export const clusterScopedKind: ObjectRule = {
  id: "tenancy/cluster-scoped-kind",
  severity: "high",
  title: "Cluster-scoped resource in a tenant's folder",
  description:
    "An object of a cluster-scoped kind (Namespace, ClusterRole, ClusterRoleBinding, CRD, webhook configuration, StorageClass, … or a kind a CRD in the repository declares `scope: Cluster`) in a folder whose owning tenant does not have `clusterScoped: true`, or that no tenant owns.",
  why: "Cluster-scoped objects act on every namespace: a tenant that can add a ClusterRoleBinding, a mutating webhook or a CRD can take over other tenants or the cluster. Whoever may change the folder (any of its owning tenants) decides what Flux applies from it, so the least trusted owner counts.",
  fix: "Move the object to a folder owned by the platform tenant (a tenant with `clusterScoped: true`) and have the platform team review it, or use a namespaced equivalent (Role/RoleBinding instead of ClusterRole/ClusterRoleBinding).",
  examples: {
    bad: "# clusters/prod/payments/rbac.yaml, owned by tenant payments (clusterScoped: false)\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: payments-reader\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: ServiceAccount\n    name: api\n    namespace: payments\n",
    good: "# clusters/prod/payments/rbac.yaml\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: payments-reader\n  namespace: payments\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: ServiceAccount\n    name: api\n    namespace: payments\n",
  },
  scope: "object",
  check(object, { tenants, index, path }) {
    if (object.group === KUSTOMIZE_CONFIG_GROUP || !isClusterScoped(object.group, object.kind, index)) return [];
    const lacking = tenants.filter((t) => !t.clusterScoped).map((t) => t.name);
    if (tenants.length > 0 && lacking.length === 0) return [];
    const who =
      tenants.length === 0
        ? `no tenant owns ${path}, so none is allowed cluster-scoped resources here`
        : `tenant ${lacking.join(", ")} may change this folder but is not allowed cluster-scoped resources (clusterScoped is not set)`;
    // The tenants who could not add it are part of the key: moving it into another tenant's folder is new.
    return [{ message: `${object.kind} is cluster-scoped; ${who}.`, at: ["kind"], key: `cluster-scoped:${lacking.join(",")}` }];
  },
};
