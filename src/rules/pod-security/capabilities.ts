/**
 * Linux capabilities as the Pod Security Standards sort them. Kubernetes takes names without the `CAP_` prefix and
 * the runtimes upper-case them and add the prefix themselves, so `cap_sys_admin` and `SYS_ADMIN` are the same grant.
 */

/** Capabilities the Baseline profile lets a container add; any other (`SYS_ADMIN`, `NET_ADMIN`, `ALL`) is not. */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
  "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
]);

/**
 * Capabilities that each amount to leaving the container: mounting and cgroup tricks (`SYS_ADMIN`), loading kernel
 * modules (`SYS_MODULE`), raw device I/O (`SYS_RAWIO`), reading any host file by handle (`DAC_READ_SEARCH`, the
 * "shocker" escape), kernel programs (`BPF`), and `ALL` of them at once.
 */
export const ESCAPE_CAPABILITIES: ReadonlySet<string> = new Set(["ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_RAWIO", "DAC_READ_SEARCH", "BPF"]);

/**
 * Where an added capability falls: `escape` (critical), `added` (outside Baseline), `baseline` (allowed by Baseline,
 * refused by Restricted), `allowed` (`NET_BIND_SERVICE`, the one capability Restricted lets a container add).
 */
export type CapabilityClass = "escape" | "added" | "baseline" | "allowed";

/** The capability's canonical name: upper case, without `CAP_`. */
export function capabilityName(raw: unknown): string {
  return typeof raw === "string" ? raw.trim().toUpperCase().replace(/^CAP_/, "") : String(raw);
}

/** Sorts one `capabilities.add` entry. */
export function classifyCapability(raw: unknown): CapabilityClass {
  const name = capabilityName(raw);
  if (name === "NET_BIND_SERVICE") return "allowed";
  if (BASELINE_CAPABILITIES.has(name)) return "baseline";
  return ESCAPE_CAPABILITIES.has(name) ? "escape" : "added";
}
