import { containersOf, type PodSpecRef } from "../../manifests/pod-specs.js";
import { containerSettings, writtenSettings } from "./container-settings.js";
import { missingHardening } from "./missing-hardening.js";
import { podLevelViolations } from "./pod-level-violations.js";
import type { FieldViolation, PodSecurityField } from "./types.js";

/**
 * Field predicates of the Pod Security Standards, shared by every rule that has to recognise a dangerous pod field
 * wherever it is written: in a workload (`pod-security/*`), in an inline kustomize patch or a HelmRelease post-renderer
 * patch, in HelmRelease values (through `securityContextSettings`). Each violation carries the check it fails (the
 * rule's name), the node path, a stable key and a message clause.
 */

export type { FieldViolation, PodSecurityField } from "./types.js";
export { BASELINE_CAPABILITIES } from "./capabilities.js";
export { isSensitiveHostPath } from "./host-paths.js";
export { podLevelViolations } from "./pod-level-violations.js";

/**
 * Container-level violations of a complete pod spec, in every container, init container and ephemeral container:
 * explicit settings (the container's own, or the pod's it inherits), host ports, and what Restricted requires but the
 * container leaves unset.
 */
export function containerViolations(pod: PodSpecRef): FieldViolation[] {
  return containersOf(pod).flatMap((ref) => [
    // runAsNonRoot is judged on the combined value (a non-zero runAsUser counts too), by missingHardening alone.
    ...containerSettings(pod, ref).filter((v) => v.field !== "run-as-non-root"),
    ...missingHardening(pod, ref),
  ]);
}

/** Every violation of a complete pod spec held by `owner` (a workload): pod level first, then per container. */
export function workloadViolations(owner: unknown, pod: PodSpecRef): FieldViolation[] {
  return [...podLevelViolations(pod, owner), ...containerViolations(pod)];
}

/**
 * The violations a partial pod spec (a patch) writes explicitly, each where it is written: nothing is inferred from
 * absent fields, since the patched workload may set them.
 */
export function explicitViolations(owner: unknown, pod: PodSpecRef): FieldViolation[] {
  return [...podLevelViolations(pod, owner), ...writtenSettings(pod)];
}

/**
 * The checks whose explicit value is a risk wherever it is written (a kustomize patch, a Helm post-renderer patch):
 * every Baseline check, and the Restricted settings that switch a protection off. Restricted's "must be set" checks
 * and volume types are left to the workload rules, which see the whole pod.
 */
export const WRITTEN_RISKS: ReadonlySet<PodSecurityField> = new Set<PodSecurityField>([
  "privileged", "host-namespaces", "host-path-sensitive", "host-path", "host-ports", "escape-capabilities", "added-capabilities",
  "proc-mount", "seccomp-unconfined", "selinux", "unsafe-sysctls", "apparmor-unconfined", "host-process",
  "allow-privilege-escalation", "run-as-non-root", "run-as-root-user",
]);

/** The explicit risks a partial pod spec (a patch) writes: `explicitViolations` limited to `WRITTEN_RISKS`. */
export function writtenRisks(owner: unknown, pod: PodSpecRef): FieldViolation[] {
  return explicitViolations(owner, pod).filter((v) => WRITTEN_RISKS.has(v.field));
}
