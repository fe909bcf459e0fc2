import { podSpecs } from "../../manifests/pod-specs.js";
import type { ManifestObject } from "../../manifests/types.js";
import type { ObjectRule, RuleMeta } from "../types.js";
import { workloadViolations } from "./fields.js";
import type { FieldViolation, PodSecurityField } from "./types.js";

/** Rule metadata without the id, which the template derives from the check. */
export type PodSecurityMeta = Omit<RuleMeta, "id">;

// Nineteen rules read the same violations of the same object: compute them once per object (objects live for one run).
const cache = new WeakMap<object, FieldViolation[]>();

function violationsOf(object: ManifestObject): FieldViolation[] {
  let found = cache.get(object.value);
  if (!found) {
    found = podSpecs(object).flatMap((pod) => workloadViolations(object.value, pod));
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
    check: (object) => violationsOf(object).filter((v) => v.field === field).map((v) => ({ message: `${v.message}.`, at: v.at, key: v.key })),
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
