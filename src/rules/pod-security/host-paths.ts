import { posix } from "node:path";

/**
 * Host paths whose mount hands over the node: the root filesystem, configuration and credentials (`/etc`, `/root`,
 * the kubelet's and etcd's state), kernel interfaces (`/proc`, `/sys`, `/dev`), binaries the node executes (`/usr`,
 * `/bin`, CNI plugins), container runtime state and sockets (`/var/run`, `/run`, `/var/lib/docker`,
 * `/var/lib/containerd`), and `/var/log` (a symlink planted there lets the kubelet read any node file for you).
 */
const SENSITIVE_HOST_PATHS = [
  "/", "/etc", "/root", "/home", "/boot", "/proc", "/sys", "/dev", "/usr", "/bin", "/sbin", "/lib", "/lib64",
  "/var/lib/kubelet", "/var/lib/etcd", "/var/lib/docker", "/var/lib/containerd", "/var/run", "/run", "/var/log",
  "/opt/cni",
];

/**
 * The path the node resolves: `//etc/./kubernetes/..` is `/etc`. Without this a path spelled unusually would slip past
 * the list while mounting exactly the same directory.
 */
export function normalizeHostPath(hostPath: string): string {
  const normalized = posix.normalize(hostPath.trim());
  return normalized.length > 1 ? normalized.replace(/\/+$/, "") : normalized;
}

/** True when mounting `hostPath` exposes the node itself (a container runtime socket, credentials, `/`). */
export function isSensitiveHostPath(hostPath: string): boolean {
  const normalized = normalizeHostPath(hostPath);
  // A relative path is not a valid hostPath; refusing to judge it would let it through, so treat it as the worst.
  if (!normalized.startsWith("/")) return true;
  if (/\.sock$/.test(normalized)) return true;
  return SENSITIVE_HOST_PATHS.some((p) => normalized === p || (p !== "/" && normalized.startsWith(`${p}/`)));
}
