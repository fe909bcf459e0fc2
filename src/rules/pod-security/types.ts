import type { NodePath } from "../../manifests/types.js";

/**
 * The checks of the Pod Security Standards this family implements; each is also the name of its rule
 * (`pod-security/<check>`). Baseline checks first, then Restricted.
 */
export type PodSecurityField =
  | "privileged"
  | "host-namespaces"
  | "host-path-sensitive"
  | "host-path"
  | "host-ports"
  | "escape-capabilities"
  | "added-capabilities"
  | "proc-mount"
  | "seccomp-unconfined"
  | "selinux"
  | "unsafe-sysctls"
  | "apparmor-unconfined"
  | "host-process"
  | "allow-privilege-escalation"
  | "run-as-non-root"
  | "run-as-root-user"
  | "seccomp-profile"
  | "capabilities-not-dropped"
  | "volume-types";

/** A dangerous value found in one security-context-like mapping, relative to that mapping. */
export interface Setting {
  field: PodSecurityField;
  /** Path of the offending node, relative to the mapping. */
  at: NodePath;
  /** Stable within the mapping: `privileged`, `capability:SYS_ADMIN`, `seLinuxOptions.type`. */
  key: string;
  /** A clause such as `sets privileged: true`. */
  clause: string;
}

/** A violation in an object: what a pod-security rule turns into a hit. */
export interface FieldViolation {
  field: PodSecurityField;
  /** Path of the offending node, relative to the object (the pod spec's path is included). */
  at: NodePath;
  /** Stable within one object: `pod:hostNetwork`, `container:app:privileged`, `volume:docker:/var/run/docker.sock`. */
  key: string;
  /** A clause such as `container app sets privileged: true`. */
  message: string;
}
