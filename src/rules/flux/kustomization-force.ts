import { isTruthy, valueAt } from "../../manifests/read-value.js";
import type { ObjectRule } from "../types.js";
import { fluxKustomizationExample as example } from "./flux-examples.js";
import { isFluxKustomization } from "./flux-objects.js";

/** A Flux Kustomization that recreates objects it cannot patch. */
export const kustomizationForce: ObjectRule = {
  id: "flux/kustomization-force",
  severity: "medium",
  title: "Flux Kustomization with force: true",
  description: "A Flux Kustomization sets `spec.force: true`.",
  why: "With force, Flux deletes and recreates any object whose immutable fields changed: a binding's `roleRef` can be swapped for a more powerful role, a Job re-run, a selector changed, and objects are briefly absent while recreated. It widens what a change can do without adding a permission, hence medium.",
  fix: "Remove `force`; when an immutable field must change, delete and recreate that object deliberately (or rename it) in a reviewed change.",
  examples: {
    bad: example("  serviceAccountName: payments-reconciler\n  force: true\n"),
    good: example("  serviceAccountName: payments-reconciler\n"),
  },
  scope: "object",
  check(object) {
    if (!isFluxKustomization(object) || !isTruthy(valueAt(object.value, ["spec", "force"]))) return [];
    return [{ message: "sets force: true: objects whose immutable fields change are deleted and recreated.", at: ["spec", "force"], key: "force" }];
  },
};
