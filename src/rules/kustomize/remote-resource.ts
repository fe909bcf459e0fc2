import type { ObjectRule } from "../types.js";
import { isRemoteReference } from "./is-remote-reference.js";
import { kustomizationReferences } from "./kustomization-references.js";

const REMOTE_FIELDS = new Set(["resources", "components", "bases"]);

/** A kustomization pulling resources or components from another repository or URL at build time. */
export const remoteResource: ObjectRule = {
  id: "kustomize/remote-resource",
  severity: "high",
  title: "Kustomization pulls remote resources",
  description: "A kustomization lists a URL or remote Git repository (`https://…`, `github.com/org/repo//path?ref=…`, `git@…`) under `resources`, `components` or `bases`.",
  why: "Remote content is fetched when Flux builds, from a repository this gate never sees: its owner (or whoever compromises it, or moves the tag) changes what lands in the cluster without a signed, reviewed commit here.",
  fix: "Vendor the manifests into this repository, or declare the other repository as its own Flux source (GitRepository/OCIRepository with `spec.verify` and a pinned ref) and a Kustomization for it.",
  examples: {
    bad: "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - https://github.com/example/manifests//base?ref=main\n",
    good: "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base/app\n",
  },
  scope: "object",
  check: (object) =>
    kustomizationReferences(object)
      .filter((ref) => REMOTE_FIELDS.has(ref.field) && isRemoteReference(ref.entry))
      .map((ref) => ({ message: `${ref.field} entry ${ref.entry} is fetched from outside this repository when Flux builds.`, at: ref.at, key: `${ref.field}:${ref.entry}` })),
};
