import type { ChangeRule } from "../types.js";
import { deletionHits } from "./deletion-hits.js";
import { deletedExample, VAP_BINDING } from "./guard-examples.js";
import { isAdmissionPolicy } from "./guard-kinds.js";

/** A ValidatingAdmissionPolicy or its binding removed from what Flux applies. */
export const admissionPolicyDeleted: ChangeRule = {
  id: "guard/admission-policy-deleted",
  severity: "high",
  title: "ValidatingAdmissionPolicy or binding deleted",
  description:
    "A ValidatingAdmissionPolicy or ValidatingAdmissionPolicyBinding (`admissionregistration.k8s.io`) present at base is gone at head: removed from its file, its file deleted, or renamed to something Flux does not apply. A policy without its binding enforces nothing, so either one disappearing is reported.",
  why: "These are the API server's built-in guards: CEL checks that refuse a forbidden object before it exists. Removing the policy or the binding that applies it admits everything it refused, and with `prune: true` Flux deletes it from the cluster for you.",
  fix: "Keep the policy and its binding; narrow the binding's `matchResources` or add a reviewed exclusion if a workload really needs to pass.",
  examples: { base: VAP_BINDING, bad: deletedExample("the binding is"), good: VAP_BINDING.replace("[Deny]", "[Deny, Audit]") },
  scope: "change",
  check: (change) => deletionHits(change, isAdmissionPolicy, "the admission checks it applied no longer run"),
};
