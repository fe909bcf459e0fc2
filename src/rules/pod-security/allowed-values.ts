/**
 * The allow-lists of the Pod Security Standards (Kubernetes 1.32): values outside them are what the Baseline and
 * Restricted profiles refuse.
 */

/** Sysctls Baseline allows: namespaced to the pod and isolated from the node and other pods. */
const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
]);

/** True for a sysctl in the safe set; the kubelet accepts `/` as separator too (`net/ipv4/tcp_syncookies`). */
export function isSafeSysctl(name: string): boolean {
  return SAFE_SYSCTLS.has(name.trim().replace(/\//g, "."));
}

/** SELinux types Baseline allows a pod or container to request. */
export const SELINUX_TYPES: ReadonlySet<string> = new Set(["container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);

/** Volume types Restricted allows (hostPath is Baseline's concern, reported by its own rules). */
export const RESTRICTED_VOLUME_TYPES: ReadonlySet<string> = new Set([
  "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret",
]);

/** Seccomp and AppArmor profile types that confine the container. */
export const CONFINED_PROFILE_TYPES: ReadonlySet<string> = new Set(["RuntimeDefault", "Localhost"]);

/** The pod annotation that sets a container's AppArmor profile (deprecated by the field, still honoured). */
export const APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

/** True for an AppArmor annotation value Baseline allows: `runtime/default` or `localhost/<profile>`. */
export function isConfinedAppArmorAnnotation(value: string): boolean {
  return value === "runtime/default" || value.startsWith("localhost/");
}
