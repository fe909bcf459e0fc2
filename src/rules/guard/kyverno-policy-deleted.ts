import type { ManifestObject } from "../../manifests/types.js";
import type { ChangeRule } from "../types.js";
import { deletionHits } from "./deletion-hits.js";
import { deletedExample, kyvernoExample } from "./guard-examples.js";
import { isKyvernoPolicy, isKyvernoValidatingPolicy } from "./guard-kinds.js";

const ENFORCING = kyvernoExample("  validationFailureAction: Enforce\n");
const isGuard = (object: ManifestObject) => isKyvernoPolicy(object) || isKyvernoValidatingPolicy(object);

/** A Kyverno policy removed from what Flux applies. */
export const kyvernoPolicyDeleted: ChangeRule = {
  id: "guard/kyverno-policy-deleted",
  severity: "high",
  title: "Kyverno policy deleted",
  description:
    "A Kyverno ClusterPolicy or Policy (`kyverno.io`), or a CEL ValidatingPolicy / ImageValidatingPolicy (`policies.kyverno.io`), present at base is gone at head: removed from its file, its file deleted, or renamed to something Flux does not apply. Moving it to another file is not a deletion.",
  why: "Admission policies are what stop the next bad manifest — a privileged pod, an unapproved registry, a ClusterRoleBinding from a tenant's Kustomization. Deleting one in the same change (or the change before) as the workload it would have refused lets that workload through, and with `prune: true` Flux removes the policy from the cluster itself.",
  fix: "Keep the policy; if a workload needs an exception, write a narrowly matched exception the policy owners approve instead of removing the policy.",
  examples: { base: ENFORCING, bad: deletedExample("the ClusterPolicy is"), good: ENFORCING.replace("Privileged containers are not allowed.", "Privileged containers are forbidden.") },
  scope: "change",
  check: (change) => deletionHits(change, isGuard, "the admission checks it enforced no longer run"),
};
