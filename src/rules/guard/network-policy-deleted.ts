import type { ChangeRule } from "../types.js";
import { deletionHits } from "./deletion-hits.js";
import { API_POLICY, deletedExample } from "./guard-examples.js";
import { isNetworkPolicy } from "./guard-kinds.js";

/** A NetworkPolicy removed from what Flux applies. */
export const networkPolicyDeleted: ChangeRule = {
  id: "guard/network-policy-deleted",
  severity: "high",
  title: "NetworkPolicy deleted",
  description:
    "A NetworkPolicy present at base is gone at head: removed from its file, its file deleted, or its file renamed to something Flux does not apply. A policy moved to another file, or renamed within the same file, is matched by identity (group, kind, namespace, name); a change of name or namespace reads as a deletion.",
  why: "With `prune: true` Flux deletes the policy from the cluster, and the pods it selected lose that isolation: a default-deny that kept a database unreachable, or an egress lock that stopped exfiltration, silently stops applying. The diff shows only deleted lines, which reviewers tend to approve.",
  fix: "Keep the NetworkPolicy; if it must change, edit it in place so the change shows exactly which traffic it now allows.",
  examples: { base: API_POLICY, bad: deletedExample("the NetworkPolicy is"), good: API_POLICY.replace("port: 8080", "port: 8443") },
  scope: "change",
  check: (change) => deletionHits(change, isNetworkPolicy, "the pods it selected lose the isolation it gave them"),
};
