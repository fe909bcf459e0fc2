import { arrayAt, stringAt } from "../../manifests/read-value.js";
import type { NodePath } from "../../manifests/types.js";

/** True when `spec.validationActions` includes Deny at `base` and not at `head` (a VAP binding, a Kyverno ValidatingPolicy). */
export function losesDeny(base: unknown, head: unknown): boolean {
  const deny = (value: unknown) => arrayAt(value, ["spec", "validationActions"]).includes("Deny");
  return deny(base) && !deny(head);
}

/** The `failurePolicy` at `path`, or the API's default when unset (Fail in `admissionregistration.k8s.io/v1`). */
export function failurePolicy(value: unknown, path: NodePath, fallback: "Fail" | "Ignore" = "Fail"): string {
  return stringAt(value, path) ?? fallback;
}

/** True when the failure policy at `path` goes from Fail to Ignore: the guard now lets requests through when it is down. */
export function failsOpen(base: unknown, head: unknown, path: NodePath, fallback: { base: "Fail" | "Ignore"; head: "Fail" | "Ignore" } = { base: "Fail", head: "Fail" }): boolean {
  return failurePolicy(base, path, fallback.base) === "Fail" && failurePolicy(head, path, fallback.head) === "Ignore";
}
