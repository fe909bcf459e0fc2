import type { PatchTarget } from "../../manifests/patch-target.js";

/** `Deployment api`, `any kind (any name)`: a target as messages (and hit keys) name it. */
export function targetText(target: PatchTarget): string {
  return `${target.kind ?? "any kind"} ${target.name ?? "(any name)"}`;
}
