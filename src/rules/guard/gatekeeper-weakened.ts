import { stringAt } from "../../manifests/read-value.js";
import type { ChangeRule } from "../types.js";
import { deletionHits } from "./deletion-hits.js";
import { deletedExample } from "./guard-examples.js";
import { isGatekeeperGuard } from "./guard-kinds.js";

const constraint = (action: string) =>
  `apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sPSPPrivilegedContainer\nmetadata:\n  name: deny-privileged\nspec:\n${action}  match:\n    kinds:\n      - apiGroups: [""]\n        kinds: [Pod]\n`;

/** A Gatekeeper constraint or template removed, or a constraint that no longer denies. */
export const gatekeeperWeakened: ChangeRule = {
  id: "guard/gatekeeper-weakened",
  severity: "high",
  title: "Gatekeeper constraint deleted or no longer denying",
  description:
    "A Gatekeeper constraint (any kind in `constraints.gatekeeper.sh`) or ConstraintTemplate present at base is gone at head, or a constraint's `spec.enforcementAction` goes from deny (the default) to `dryrun` or `warn`.",
  why: "Constraints are Gatekeeper's guards; deleting the template deletes every constraint of its kind. In dryrun or warn the constraint admits what it used to refuse and only records an audit violation — the quiet way to get a forbidden object admitted while the constraint still appears in listings.",
  fix: "Keep the constraint with `enforcementAction: deny`; to exempt a workload, narrow its `match` (excludedNamespaces, labelSelector) in a reviewed change.",
  examples: { base: constraint(""), bad: constraint("  enforcementAction: dryrun\n"), good: constraint("  enforcementAction: deny\n") },
  scope: "change",
  check(change) {
    const deleted = deletionHits(change, isGatekeeperGuard, change.base?.kind === "ConstraintTemplate" ? "every constraint of its kind goes with it" : "it no longer refuses anything");
    const { base, head } = change;
    if (deleted.length > 0 || !base || !head || base.group !== "constraints.gatekeeper.sh" || head.group !== base.group) return deleted;
    const action = (value: unknown) => stringAt(value, ["spec", "enforcementAction"]) ?? "deny";
    const [before, after] = [action(base.value), action(head.value)];
    if (before !== "deny" || after === "deny") return [];
    return [{ message: `spec.enforcementAction changed from deny to ${after}: violations are admitted and only reported.`, at: ["spec", "enforcementAction"], key: `action:${after}` }];
  },
};
