import type { ContainerRef, PodSpecRef } from "../../manifests/pod-specs.js";
import { arrayAt, isTruthy, recordAt, stringAt } from "../../manifests/read-value.js";
import type { NodePath } from "../../manifests/types.js";
import { CONFINED_PROFILE_TYPES } from "./allowed-values.js";
import { capabilityName } from "./capabilities.js";
import type { FieldViolation } from "./types.js";

/**
 * What the Restricted profile requires a container to set, checked on a complete pod spec only (a patch or a values
 * file leaves fields out that the workload may well set). Each value is the container's own, else the pod's.
 * Windows pods are exempt from the Linux-only requirements, as in the Pod Security Standards.
 */
export function missingHardening(pod: PodSpecRef, ref: ContainerRef): FieldViolation[] {
  const own = recordAt(ref.container, ["securityContext"]) ?? {};
  const ownPath = [...ref.path, "securityContext"];
  const podContext = recordAt(pod.spec, ["securityContext"]) ?? {};
  const podPath = [...pod.path, "securityContext"];
  const effective = (field: string): { value: unknown; at: NodePath; inherited: boolean } =>
    own[field] !== undefined && own[field] !== null
      ? { value: own[field], at: [...ownPath, field], inherited: false }
      : { value: podContext[field], at: [...podPath, field], inherited: true };
  const found: FieldViolation[] = [];
  const add = (field: FieldViolation["field"], at: NodePath, key: string, clause: string) =>
    found.push({ field, at, key: `container:${ref.name}:${key}`, message: `container ${ref.name} ${clause}` });
  const linux = stringAt(pod.spec, ["os", "name"]) !== "windows";

  // Explicit `true` is an explicit setting (reported elsewhere under the same key); here only the default counts.
  if (linux && own.allowPrivilegeEscalation !== false && !isTruthy(own.allowPrivilegeEscalation)) {
    add("allow-privilege-escalation", [...ownPath, "allowPrivilegeEscalation"], "allowPrivilegeEscalation", "does not set allowPrivilegeEscalation: false (it defaults to true: setuid binaries can gain privileges)");
  }
  const nonRoot = effective("runAsNonRoot");
  const user = effective("runAsUser").value;
  // Like kube-linter and Polaris, a non-zero runAsUser also keeps the container off root.
  if (nonRoot.value !== true && !(typeof user === "number" && user > 0)) {
    const clause = nonRoot.value === false
      ? `sets runAsNonRoot: false${nonRoot.inherited ? " (from the pod's securityContext)" : ""}`
      : "sets neither runAsNonRoot: true nor a non-zero runAsUser (the image's user, often root, applies)";
    add("run-as-non-root", nonRoot.value === false ? nonRoot.at : [...ownPath, "runAsNonRoot"], "runAsNonRoot", clause);
  }
  const seccomp = effective("seccompProfile");
  const seccompType = stringAt(seccomp.value, ["type"]);
  // Unconfined is Baseline's (pod-security/seccomp-unconfined); Restricted only adds "must be set".
  if (linux && seccompType !== "Unconfined" && (seccompType === null || !CONFINED_PROFILE_TYPES.has(seccompType))) {
    add("seccomp-profile", [...ownPath, "seccompProfile"], "seccompProfile", "has no seccompProfile of type RuntimeDefault or Localhost (neither the container nor the pod sets one)");
  }
  const drops = arrayAt(own, ["capabilities", "drop"]).map(capabilityName);
  if (linux && !drops.includes("ALL")) {
    add("capabilities-not-dropped", [...ownPath, "capabilities", "drop"], "capabilities.drop", "does not drop ALL capabilities");
  }
  return found;
}

