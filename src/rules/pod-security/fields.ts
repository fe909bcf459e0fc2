import { containersOf, type PodSpecRef } from "../../manifests/pod-specs.js";
import { arrayAt, isRecord, isTruthy, recordAt, stringAt, valueAt } from "../../manifests/read-value.js";
import type { NodePath } from "../../manifests/types.js";

/**
 * Field predicates of the Pod Security Standards, shared by every rule that has to recognise a dangerous pod field
 * wherever it is written: in a workload, in an inline kustomize patch, later in HelmRelease values. Each predicate
 * reads a pod spec or a container and returns what it found, with the node path and a stable key.
 */

/** The pod fields the predicates recognise. */
export type PodSecurityField =
  | "privileged"
  | "host-network"
  | "host-pid"
  | "host-ipc"
  | "host-path"
  | "capabilities"
  | "allow-privilege-escalation"
  | "run-as-root";

export interface FieldViolation {
  field: PodSecurityField;
  /** Path of the offending node, relative to the object (the pod spec's path is included). */
  at: NodePath;
  /** Stable within one object: `pod:hostNetwork`, `container:app:privileged`, `volume:docker:/var/run/docker.sock`. */
  key: string;
  /** A clause such as `container app sets privileged: true`. */
  message: string;
}

/** Capabilities the Baseline profile lets a container add; any other (`SYS_ADMIN`, `NET_ADMIN`, `ALL`) is not. */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
  "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
]);

/** Host paths whose mount hands over the node (runtime sockets, kubelet credentials, the root filesystem). */
const SENSITIVE_HOST_PATHS = ["/", "/etc", "/proc", "/sys", "/root", "/home", "/boot", "/dev", "/var/lib/kubelet", "/var/lib/docker",
  "/var/lib/containerd", "/var/run", "/run", "/var/log", "/etc/kubernetes"];

/** True when mounting `hostPath` exposes the node itself (a container runtime socket, credentials, `/`). */
export function isSensitiveHostPath(hostPath: string): boolean {
  const normalized = hostPath.replace(/\/+$/, "") || "/";
  if (/\.sock$/.test(normalized)) return true;
  return SENSITIVE_HOST_PATHS.some((p) => normalized === p || (p !== "/" && normalized.startsWith(`${p}/`)));
}

/** Pod-level violations: host namespaces, hostPath volumes, `runAsUser: 0` in the pod security context. */
export function podLevelViolations(pod: PodSpecRef): FieldViolation[] {
  const found: FieldViolation[] = [];
  const hostFlags = [["hostNetwork", "host-network"], ["hostPID", "host-pid"], ["hostIPC", "host-ipc"]] as const;
  for (const [flag, field] of hostFlags) {
    if (isTruthy(pod.spec[flag])) found.push({ field, at: [...pod.path, flag], key: `pod:${flag}`, message: `the pod sets ${flag}: true` });
  }
  arrayAt(pod.spec, ["volumes"]).forEach((volume, i) => {
    const path = stringAt(volume, ["hostPath", "path"]);
    if (!isRecord(volume) || !isRecord(volume.hostPath)) return;
    const name = stringAt(volume, ["name"]) ?? `#${i}`;
    const where = path ?? "(no path)";
    const sensitive = path !== null && isSensitiveHostPath(path) ? " (a sensitive node path)" : "";
    found.push({ field: "host-path", at: [...pod.path, "volumes", i, "hostPath"], key: `volume:${name}:${where}`, message: `volume ${name} mounts hostPath ${where}${sensitive}` });
  });
  if (valueAt(pod.spec, ["securityContext", "runAsUser"]) === 0) {
    found.push({ field: "run-as-root", at: [...pod.path, "securityContext", "runAsUser"], key: "pod:runAsUser", message: "the pod sets runAsUser: 0 (root)" });
  }
  return found;
}

/** Container-level violations in every container, init container and ephemeral container of the pod. */
export function containerViolations(pod: PodSpecRef): FieldViolation[] {
  return containersOf(pod).flatMap(({ path, name, container }) => {
    const found: FieldViolation[] = [];
    const context = [...path, "securityContext"];
    const security = recordAt(container, ["securityContext"]) ?? {};
    const add = (field: PodSecurityField, at: NodePath, key: string, message: string) =>
      found.push({ field, at, key: `container:${name}:${key}`, message: `container ${name} ${message}` });
    if (isTruthy(security.privileged)) add("privileged", [...context, "privileged"], "privileged", "sets privileged: true");
    if (isTruthy(security.allowPrivilegeEscalation)) {
      add("allow-privilege-escalation", [...context, "allowPrivilegeEscalation"], "allowPrivilegeEscalation", "sets allowPrivilegeEscalation: true");
    }
    if (security.runAsUser === 0) add("run-as-root", [...context, "runAsUser"], "runAsUser", "sets runAsUser: 0 (root)");
    arrayAt(security, ["capabilities", "add"]).forEach((cap, i) => {
      const name = typeof cap === "string" ? cap.toUpperCase().replace(/^CAP_/, "") : String(cap);
      if (BASELINE_CAPABILITIES.has(name)) return;
      add("capabilities", [...context, "capabilities", "add", i], `capability:${name}`, `adds capability ${name}`);
    });
    return found;
  });
}

/** Every violation of a pod spec: pod level first, then per container. */
export function podSecurityViolations(pod: PodSpecRef): FieldViolation[] {
  return [...podLevelViolations(pod), ...containerViolations(pod)];
}
