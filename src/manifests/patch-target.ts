import { stringAt } from "./read-value.js";

/** What a kustomize patch applies to, as far as its `target` says (null: not said, so any). */
export interface PatchTarget {
  group: string | null;
  kind: string | null;
  name: string | null;
}

/** A target nothing is known about: the patch may apply to any object. */
export const ANY_TARGET: PatchTarget = Object.freeze({ group: null, kind: null, name: null });

/**
 * Reads a kustomization patch entry's `target` (`patches[].target`, `patchesJson6902[].target`). Selectors by label or
 * annotation leave kind and name null, which is what they mean: any object they happen to match.
 */
export function readPatchTarget(target: unknown): PatchTarget {
  return { group: stringAt(target, ["group"]), kind: stringAt(target, ["kind"]), name: stringAt(target, ["name"]) };
}
