import { arrayAt, isRecord, isTruthy, stringAt, valueAt } from "../../manifests/read-value.js";
import { CONFINED_PROFILE_TYPES, isSafeSysctl, SELINUX_TYPES } from "./allowed-values.js";
import { capabilityName, classifyCapability } from "./capabilities.js";
import type { PodSecurityField, Setting } from "./types.js";

const CAPABILITY_FIELD: Record<string, PodSecurityField | undefined> = {
  escape: "escape-capabilities",
  added: "added-capabilities",
  baseline: "capabilities-not-dropped",
};

/**
 * The dangerous values written in one security context (a pod's, a container's, or any mapping shaped like one in
 * HelmRelease values): only what is explicitly set, never what is missing. This is the single place that knows what
 * each field's dangerous values are; workloads, kustomize patches and Helm values all read settings through it.
 */
export function securityContextSettings(context: unknown): Setting[] {
  if (!isRecord(context)) return [];
  const found: Setting[] = [];
  const add = (field: PodSecurityField, at: Array<string | number>, key: string, clause: string) => found.push({ field, at, key, clause });

  if (isTruthy(context.privileged)) add("privileged", ["privileged"], "privileged", "sets privileged: true");
  if (isTruthy(context.allowPrivilegeEscalation)) {
    add("allow-privilege-escalation", ["allowPrivilegeEscalation"], "allowPrivilegeEscalation", "sets allowPrivilegeEscalation: true");
  }
  if (context.runAsUser === 0) add("run-as-root-user", ["runAsUser"], "runAsUser", "sets runAsUser: 0 (root)");
  if (context.runAsNonRoot === false) add("run-as-non-root", ["runAsNonRoot"], "runAsNonRoot", "sets runAsNonRoot: false");
  arrayAt(context, ["capabilities", "add"]).forEach((cap, i) => {
    const field = CAPABILITY_FIELD[classifyCapability(cap)];
    if (field) add(field, ["capabilities", "add", i], `capability:${capabilityName(cap)}`, `adds capability ${capabilityName(cap)}`);
  });
  const procMount = stringAt(context, ["procMount"]);
  if (procMount !== null && procMount !== "Default") add("proc-mount", ["procMount"], "procMount", `sets procMount: ${procMount}`);
  if (stringAt(context, ["seccompProfile", "type"]) === "Unconfined") {
    add("seccomp-unconfined", ["seccompProfile", "type"], "seccompProfile", "sets seccompProfile type Unconfined");
  }
  const seLinuxType = stringAt(context, ["seLinuxOptions", "type"]);
  if (seLinuxType !== null && !SELINUX_TYPES.has(seLinuxType)) {
    add("selinux", ["seLinuxOptions", "type"], "seLinuxOptions.type", `sets SELinux type ${seLinuxType}`);
  }
  for (const part of ["user", "role"] as const) {
    const value = stringAt(context, ["seLinuxOptions", part]);
    if (value !== null) add("selinux", ["seLinuxOptions", part], `seLinuxOptions.${part}`, `sets SELinux ${part} ${value}`);
  }
  const appArmor = stringAt(context, ["appArmorProfile", "type"]);
  if (appArmor !== null && !CONFINED_PROFILE_TYPES.has(appArmor)) {
    add("apparmor-unconfined", ["appArmorProfile", "type"], "appArmorProfile", `sets appArmorProfile type ${appArmor}`);
  }
  if (isTruthy(valueAt(context, ["windowsOptions", "hostProcess"]))) {
    add("host-process", ["windowsOptions", "hostProcess"], "windowsOptions.hostProcess", "sets windowsOptions.hostProcess: true");
  }
  arrayAt(context, ["sysctls"]).forEach((sysctl, i) => {
    const name = stringAt(sysctl, ["name"]);
    if (name !== null && !isSafeSysctl(name)) add("unsafe-sysctls", ["sysctls", i, "name"], `sysctl:${name}`, `sets sysctl ${name}`);
  });
  return found;
}
