import { dirOf, resolveRepoPath } from "../../manifests/repo-paths.js";
import type { Hit, ObjectRule, TenantScope } from "../types.js";
import { isRemoteReference } from "./is-remote-reference.js";
import { kustomizationReferences } from "./kustomization-references.js";

/** A kustomization reading files owned by a different set of tenants than its own (or outside the repository). */
export const pathEscape: ObjectRule = {
  id: "kustomize/path-escape",
  severity: "high",
  title: "Kustomization reads another tenant's files",
  description:
    "A kustomization references a path (`../…` in resources, components, patches, generators, plugin configs) that resolves outside the repository, or into a folder not owned by exactly the tenants that own the kustomization.",
  why: "Kustomize follows `../` anywhere in the Flux source. A tenant can pull another tenant's manifests or SOPS-encrypted Secrets into its own build (Flux decrypts them and applies them into the tenant's namespace), and a folder another tenant can write to, included in a more trusted build, lets that tenant inject objects applied with the more trusted service account.",
  fix: "Reference only paths inside folders owned by the same tenants; share common bases through a folder owned by all of them, or through a separate Flux source.",
  examples: {
    bad: "# clusters/prod/payments/kustomization.yaml, tenant payments\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../platform/secrets\n",
    good: "# clusters/prod/payments/kustomization.yaml\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deploy.yaml\n  - db\n",
  },
  scope: "object",
  check(object, { path, tenants, ownersOf }) {
    const hits: Hit[] = [];
    for (const ref of kustomizationReferences(object)) {
      if (isRemoteReference(ref.entry)) continue;
      const resolved = resolveRepoPath(dirOf(path), ref.entry);
      const where = `${ref.field} entry ${ref.entry}`;
      if (resolved === null) {
        hits.push({ message: `${where} resolves outside the repository.`, at: ref.at, key: `${ref.field}:${ref.entry}` });
        continue;
      }
      // A directory is another kustomization: who owns its kustomization.yaml owns what it builds.
      const owners = ownersOf(ref.directory ? `${resolved === "" ? "" : `${resolved}/`}kustomization.yaml` : resolved);
      if (sameTenants(owners, tenants)) continue;
      hits.push({
        message: `${where} resolves to ${resolved || "the repository root"}, owned by ${names(owners)}; this kustomization is owned by ${names(tenants)}.`,
        at: ref.at,
        key: `${ref.field}:${resolved}`,
      });
    }
    return hits;
  },
};

function sameTenants(a: TenantScope[], b: TenantScope[]): boolean {
  return a.length === b.length && a.every((t) => b.some((u) => u.name === t.name));
}

function names(tenants: TenantScope[]): string {
  return tenants.length === 0 ? "no tenant" : tenants.map((t) => t.name).join(", ");
}
