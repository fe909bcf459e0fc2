import type { Hit, ObjectRule } from "../types.js";
import { GUARD_FIELDS, GUARD_KINDS, pathMatches, removes } from "./guard-patch-fields.js";
import { inlinePatches } from "./inline-patches.js";
import { patchEdits, type PatchOperation } from "./patch-operations.js";

const kustomization = (patch: string) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - namespace.yaml\npatches:\n  - target:\n      kind: Namespace\n      name: payments\n    patch: |-\n${patch}`;

/** An inline kustomize patch that removes or weakens a guard the `guard/` and `flux/` rules protect. */
export const patchWeakensGuard: ObjectRule = {
  id: "kustomize/patch-weakens-guard",
  severity: "high",
  title: "Kustomize patch removes or weakens a guard",
  description:
    "An inline patch in a kustomization (JSON 6902 `remove`/`replace`/`add`/`move`, or a strategic-merge patch with `null` or `$patch: delete`) removes `spec.verify` (or part of it) from a Flux source or repoints its keys Secret; removes or lowers a Namespace's `pod-security.kubernetes.io/enforce` label below restricted; turns a Kyverno policy or rule to Audit (or removes the action, a validate rule, or adds an Audit override); sets a `failurePolicy` to Ignore; drops Deny from `validationActions`; removes a webhook; sets a Gatekeeper `enforcementAction` to dryrun or warn; removes a NetworkPolicy's `policyTypes` or adds an ingress/egress rule open to every peer; or deletes a guard object outright. The patch's target kind narrows the fields checked; a patch without one is checked against all of them.",
  why: "The guard's own manifest still shows it intact, so reviewing it (or the `guard/` rules comparing it) finds nothing: the removal only exists after `kustomize build`, in a few lines of a kustomization that looks like routine overlay plumbing.",
  fix: "Remove the operation from the patch; if the guard really must change, change it in its own manifest, where the change is visible and reviewed by the guard's owners.",
  examples: {
    bad: kustomization("      - op: remove\n        path: /metadata/labels/pod-security.kubernetes.io~1enforce\n"),
    good: kustomization("      - op: add\n        path: /metadata/labels/team\n        value: payments\n"),
  },
  scope: "object",
  check(object) {
    const hits: Hit[] = [];
    for (const patch of inlinePatches(object)) {
      // A block scalar's content lines follow its indicator line one to one; any other string sits on one line.
      const location = object.valueLocation(patch.at);
      const lineOf = (line: number) => (location?.blockScalar ? location.line + line : (location?.line ?? object.lineOf(patch.at)));
      for (const edit of patchEdits(patch)) {
        const target = `${edit.kind ?? "any kind"} ${edit.name ?? "(any name)"}`;
        if (edit.deletes && edit.kind !== null && GUARD_KINDS.test(edit.kind)) {
          hits.push({ message: `an inline patch deletes ${target} from the build: the guard is gone although its manifest is unchanged.`, at: patch.at, line: lineOf(1), key: `${target}:delete` });
        }
        for (const op of edit.operations) {
          const found = weakening(op, edit.group, edit.kind);
          if (found) hits.push({ message: `an inline patch for ${target} ${found}.`, at: patch.at, line: lineOf(op.line), key: `${target}:${op.op}:${op.path.join("/")}` });
        }
      }
    }
    return hits;
  },
};

/** What `op` does to the first guard field it touches, or null. */
function weakening(op: PatchOperation, group: string | null, kind: string | null): string | null {
  const path = op.path.map((part) => (/^(?:\d+|-)$/.test(part) ? `[${part}]` : `.${part}`)).join("").slice(1);
  for (const field of GUARD_FIELDS) {
    if (!field.applies(group, kind)) continue;
    if (op.op === "remove" && field.removed && removes(field, op.path)) return `removes ${path}: ${field.removed}`;
    if (op.op === "set" && field.weakened && pathMatches(field.path, op.path)) {
      const how = field.weakened(op.value, op.replaces);
      if (how) return `sets ${path} to ${show(op.value)}: ${how}`;
    }
  }
  return null;
}

/** A short rendering of a patch value for a message. */
function show(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
