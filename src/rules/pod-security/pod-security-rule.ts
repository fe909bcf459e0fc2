import { podSpecs } from "../../manifests/pod-specs.js";
import type { ManifestObject } from "../../manifests/types.js";
import type { ObjectRule, RuleMeta } from "../types.js";
import { explicitViolations, workloadViolations } from "./fields.js";
import type { FieldViolation, PodSecurityField } from "./types.js";

/** Rule metadata without the id, which the template derives from the check. */
export type PodSecurityMeta = Omit<RuleMeta, "id">;

// Nineteen rules read the same violations of the same object: compute them once per object (objects live for one run).
const caches = { whole: new WeakMap<object, FieldViolation[]>(), patch: new WeakMap<object, FieldViolation[]>() };

/**
 * The violations of an object's pod specs. A file kustomize can only use as a patch holds a partial pod spec: only
 * what it writes is judged there, never what it leaves out (the patched workload may set it).
 */
function violationsOf(object: ManifestObject, patch: boolean): FieldViolation[] {
  const cache = patch ? caches.patch : caches.whole;
  let found = cache.get(object.value);
  if (!found) {
    found = patch
      ? podSpecs(object, { partial: true }).flatMap((pod) => explicitViolations(object.value, pod))
      : podSpecs(object).flatMap((pod) => workloadViolations(object.value, pod));
    cache.set(object.value, found);
  }
  return found;
}

/**
 * Template: the rule `pod-security/<field>`, reporting each violation of that check in every pod spec of a workload
 * (containers, init containers, ephemeral containers; the pod's settings combined with each container's).
 */
export function podSecurityRule(field: PodSecurityField, meta: PodSecurityMeta): ObjectRule {
  return {
    id: `pod-security/${field}`,
    ...meta,
    scope: "object",
    check: (object, context) => violationsOf(object, context.appliedAsPatch).filter((v) => v.field === field).map((v) => ({ message: `${v.message}.`, at: v.at, key: v.key })),
  };
}

/** A Pod manifest with the given `spec` body, for the rules' examples in the docs. */
export function podExample(spec: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  namespace: payments\nspec:\n${spec}`;
}

/** A pod spec body with one container `api` whose lines (`securityContext:` …, indented for it) are `extra`. */
export function containerExample(extra = ""): string {
  return `  containers:\n    - name: api\n      image: ghcr.io/example/api:1.4.2\n${extra}`;
}
