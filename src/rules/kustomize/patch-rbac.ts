import { isRecord } from "../../manifests/read-value.js";
import { RBAC_GROUP } from "../rbac/policy-rules.js";
import { RBAC_RULES } from "../rbac/rbac-rules.js";
import type { Hit, ObjectRule } from "../types.js";
import type { PatchedObject } from "./patch-objects.js";
import { readablePartials } from "./patch-sources.js";
import { patchedManifestObject } from "./patched-manifest-object.js";

const RBAC_KINDS = new Set(["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]);
/** The rbac/ rules that read one object: each reports what a patch writes exactly as it reports a manifest. */
const OBJECT_RULES = RBAC_RULES.filter((rule): rule is ObjectRule => rule.scope === "object");

const kustomization = (patch: string) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - rbac.yaml\npatches:\n  - target:\n      kind: ClusterRoleBinding\n      name: ci\n    patch: |-\n${patch.replace(/^/gm, "      ")}`;

/**
 * The RBAC kind a partial object is judged as, or null. A patch whose target kind is unknown (a patch file no
 * kustomization in the change applies) is judged as the broadest kind its fields fit: `roleRef`/`subjects` as a
 * ClusterRoleBinding, `rules`/`aggregationRule` as a ClusterRole.
 */
function rbacKind(partial: PatchedObject): string | null {
  if (partial.group !== "" && partial.group !== RBAC_GROUP) return null;
  if (partial.kind !== "") return RBAC_KINDS.has(partial.kind) ? partial.kind : null;
  if ("roleRef" in partial.value || "subjects" in partial.value) return "ClusterRoleBinding";
  return "rules" in partial.value || "aggregationRule" in partial.value ? "ClusterRole" : null;
}

/** Stands for the subjects a binding already has, when a patch sets its role and leaves them as they are. */
const KEPT_SUBJECTS = { kind: "every", name: "subject the binding already has (the patch keeps them)" };

/**
 * The partial object completed with what kubernetes implies: a ClusterRoleBinding can only reference a ClusterRole,
 * so a patch renaming its role (`/roleRef/name`) binds a ClusterRole; and a patch setting a binding's role without
 * its subjects hands the role to the subjects the binding has, which the rules must count as someone.
 */
function completed(kind: string, value: Record<string, unknown>): { value: Record<string, unknown>; keptSubjects: boolean } {
  const roleRef = value.roleRef;
  if (!kind.endsWith("Binding") || !isRecord(roleRef)) return { value, keptSubjects: false };
  const role = kind === "ClusterRoleBinding" && roleRef.kind === undefined ? { ...roleRef, kind: "ClusterRole" } : roleRef;
  const keptSubjects = value.subjects === undefined;
  return { value: { ...value, roleRef: role, ...(keptSubjects ? { subjects: [KEPT_SUBJECTS] } : {}) }, keptSubjects };
}

/** A kustomize patch writing what an `rbac/` rule refuses: a binding's role or subjects, a role's rules or labels. */
export const patchRbac: ObjectRule = {
  id: "kustomize/patch-rbac",
  severity: "high",
  title: "Kustomize patch grants what an rbac/ rule refuses",
  description:
    "A kustomize patch — inline in a kustomization or a Flux Kustomization's `spec.patches`, a changed JSON 6902 patch file, a patch file a changed kustomization newly applies, or a HelmRelease post-renderer's patch of the chart's output — targets a Role, ClusterRole, RoleBinding or ClusterRoleBinding and writes what one of the `rbac/` rules reports in a manifest: a binding to cluster-admin, admin or edit, an anonymous, all-authenticated or system:masters subject, wildcards, escalate/bind/impersonate, secrets read, pod exec, nodes/proxy, and the rest of the family. The message names the `rbac/` rule. Only the fields the patch writes are seen: a patch adding a subject to a binding whose roleRef it does not set is judged without knowing the role.",
  why: "The binding or role manifest is harmless in review; the patch next to it turns it into cluster-admin at `kustomize build` time. Flux applies the built result, so the grant is real.",
  fix: "Remove the grant from the patch; if it is needed, write it in the RBAC manifest itself, in a folder the platform team owns, where the rbac/ rules and its reviewers see it.",
  examples: {
    bad: kustomization("- op: replace\n  path: /roleRef/name\n  value: cluster-admin\n"),
    good: kustomization("- op: replace\n  path: /roleRef/name\n  value: ci-deployer\n"),
  },
  scope: "object",
  check(object, context) {
    const hits: Hit[] = [];
    for (const { source, partial } of readablePartials(object, context.index.patchFiles)) {
      const kind = rbacKind(partial);
      if (kind === null) continue;
      const { value, keptSubjects } = completed(kind, partial.value);
      const patched = patchedManifestObject(object, { ...partial, kind, value }, RBAC_GROUP);
      const target = { group: RBAC_GROUP, kind: partial.kind || null, name: partial.name };
      for (const rule of OBJECT_RULES) {
        for (const hit of rule.check(patched, context)) {
          // The kept subjects are not in the patch: what it writes about them is the role.
          const line = hit.line ?? partial.lineOf(keptSubjects && hit.at[0] === "subjects" ? ["roleRef", "name"] : hit.at);
          hits.push({
            message: `${source.describe(target, line)}: ${hit.message.replace(/\.$/, "")}, exactly as if the manifest said so (${rule.id}, ${rule.severity}).`,
            at: source.at,
            line: source.reportedLine(line),
            key: `${source.key}${partial.kind}/${partial.name ?? "*"}:${rule.id}:${hit.key}`,
          });
        }
      }
    }
    return hits;
  },
};
