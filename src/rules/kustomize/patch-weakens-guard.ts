import type { Hit, ObjectRule } from "../types.js";
import { GUARD_KINDS } from "./guard-patch-fields.js";
import { guardWeakening } from "./guard-weakening.js";
import { patchSources, targetText, unreadHit } from "./patch-sources.js";

const kustomization = (patch: string) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - namespace.yaml\npatches:\n  - target:\n      kind: Namespace\n      name: payments\n    patch: |-\n${patch}`;

/** A kustomize patch (inline, or a JSON 6902 patch file) that removes or weakens a guard the `guard/` and `flux/` rules protect. */
export const patchWeakensGuard: ObjectRule = {
  id: "kustomize/patch-weakens-guard",
  severity: "high",
  title: "Kustomize patch removes or weakens a guard",
  description:
    "An inline patch in a kustomization or a Flux Kustomization's `spec.patches` (JSON 6902 `remove`/`replace`/`add`/`move`/`copy`, or a strategic-merge patch with `null` or `$patch: delete`), a changed JSON 6902 patch file (a YAML or JSON operation list a kustomization applies with `patches: [{path: …, target: …}]` or `patchesJson6902`), or a patch file a changed kustomization newly applies (a new reference or a new target, to a file the change leaves untouched — read from the base tree's index — or to a touched strategic-merge patch file, reported on the reference), removes `spec.verify` (or part of it) from a Flux source or repoints its keys Secret; removes `spec.serviceAccountName` from a Flux Kustomization or HelmRelease; removes or lowers a Namespace's `pod-security.kubernetes.io/enforce` label below restricted; turns a Kyverno policy or rule to Audit (or removes the action, a validate rule, or adds an Audit override); sets a `failurePolicy` to Ignore; drops Deny from `validationActions`; removes a webhook; sets a Gatekeeper `enforcementAction` to dryrun or warn; removes a NetworkPolicy's `policyTypes` or adds an ingress/egress rule open to every peer; or deletes a guard object outright. A `replace` of a parent that leaves a guard field out counts as its removal, and a `copy` or `move` onto a guard field (whose value the patch does not show) is reported as a possible weakening. The patch's target kind narrows the fields checked; a patch without one, or a patch file no kustomization in the change applies, is checked against all of them. A newly applied patch file the gate cannot read fails closed.",
  why: "The guard's own manifest still shows it intact, so reviewing it (or the `guard/` rules comparing it) finds nothing: the removal only exists after `kustomize build`, in a few lines of a kustomization or a patch file that looks like routine overlay plumbing.",
  fix: "Remove the operation from the patch; if the guard really must change, change it in its own manifest, where the change is visible and reviewed by the guard's owners.",
  examples: {
    bad: kustomization("      - op: remove\n        path: /metadata/labels/pod-security.kubernetes.io~1enforce\n"),
    good: kustomization("      - op: add\n        path: /metadata/labels/team\n        value: payments\n"),
  },
  scope: "object",
  check(object, { index }) {
    const hits: Hit[] = [];
    for (const source of patchSources(object, index.patchFiles)) {
      const unread = unreadHit(source, "the guards it may remove");
      if (unread) {
        hits.push(unread);
        continue;
      }
      for (const edit of source.edits()) {
        const target = targetText(edit);
        if (edit.deletes && edit.kind !== null && GUARD_KINDS.test(edit.kind)) {
          const message = `${source.describe(edit, edit.line)} deletes it from the build: the guard is gone although its manifest is unchanged.`;
          hits.push({ message, at: source.at, line: source.reportedLine(edit.line), key: `${source.key}${target}:delete` });
        }
        for (const op of edit.operations) {
          const found = guardWeakening(op, edit.group, edit.kind);
          if (found) hits.push({ message: `${source.describe(edit, op.line)} ${found}.`, at: source.at, line: source.reportedLine(op.line), key: `${source.key}${target}:${op.op}:${op.path.join("/")}` });
        }
      }
    }
    return hits;
  },
};
