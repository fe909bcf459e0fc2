import { containersOf, type ContainerRef, type PodSpecRef } from "../../manifests/pod-specs.js";
import { arrayAt, recordAt, valueAt } from "../../manifests/read-value.js";
import type { NodePath } from "../../manifests/types.js";
import { securityContextSettings } from "./security-context-settings.js";
import type { FieldViolation, Setting } from "./types.js";

/** Security context fields a pod sets for all its containers and a container may override. */
const INHERITED = new Set(["runAsUser", "runAsNonRoot", "seccompProfile", "seLinuxOptions", "appArmorProfile", "windowsOptions"]);

/**
 * The field of a container's security context that overrides `setting` when set. Kubernetes replaces structured
 * options as a whole (`seLinuxOptions`, `seccompProfile`), except `windowsOptions`, which it merges field by field.
 */
function overridingField(setting: Setting): NodePath {
  return setting.at[0] === "windowsOptions" ? setting.at.slice(0, 2) : setting.at.slice(0, 1);
}

/**
 * The explicit settings in effect for one container, combined as Kubernetes does: its own security context, plus
 * the pod's inherited fields it does not override. Also its host ports. Keys are per container and field, so a
 * setting moving between the pod and the container is not a new risk, while a second container with it is.
 */
export function containerSettings(pod: PodSpecRef, ref: ContainerRef): FieldViolation[] {
  const own = recordAt(ref.container, ["securityContext"]) ?? {};
  const ownPath = [...ref.path, "securityContext"];
  const found: FieldViolation[] = securityContextSettings(own)
    .filter((s) => s.field !== "unsafe-sysctls")
    .map((s) => ({ field: s.field, at: [...ownPath, ...s.at], key: `container:${ref.name}:${s.key}`, message: `container ${ref.name} ${s.clause}` }));
  for (const s of securityContextSettings(recordAt(pod.spec, ["securityContext"]))) {
    const field = s.at[0];
    if (typeof field !== "string" || !INHERITED.has(field)) continue;
    const overridden = valueAt(own, overridingField(s));
    if (overridden !== undefined && overridden !== null) continue;
    found.push({
      field: s.field,
      at: [...pod.path, "securityContext", ...s.at],
      key: `container:${ref.name}:${s.key}`,
      message: `container ${ref.name} inherits the pod's securityContext, which ${s.clause}`,
    });
  }
  return [...found, ...hostPorts(ref)];
}

/** Explicit settings exactly where they are written: what a partial pod spec (a kustomize patch) says. */
export function writtenSettings(pod: PodSpecRef): FieldViolation[] {
  const found: FieldViolation[] = securityContextSettings(recordAt(pod.spec, ["securityContext"]))
    .filter((s) => s.field !== "unsafe-sysctls")
    .map((s) => ({ field: s.field, at: [...pod.path, "securityContext", ...s.at], key: `pod:${s.key}`, message: `the pod ${s.clause}` }));
  for (const ref of containersOf(pod)) {
    const ownPath = [...ref.path, "securityContext"];
    for (const s of securityContextSettings(recordAt(ref.container, ["securityContext"]))) {
      if (s.field !== "unsafe-sysctls") found.push({ field: s.field, at: [...ownPath, ...s.at], key: `container:${ref.name}:${s.key}`, message: `container ${ref.name} ${s.clause}` });
    }
    found.push(...hostPorts(ref));
  }
  return found;
}

function hostPorts(ref: ContainerRef): FieldViolation[] {
  return arrayAt(ref.container, ["ports"]).flatMap((port, i): FieldViolation[] => {
    const hostPort = valueAt(port, ["hostPort"]);
    if (hostPort === undefined || hostPort === null || hostPort === 0 || hostPort === "0") return [];
    return [{
      field: "host-ports",
      at: [...ref.path, "ports", i, "hostPort"],
      key: `container:${ref.name}:hostPort:${String(hostPort)}`,
      message: `container ${ref.name} binds hostPort ${String(hostPort)} on the node`,
    }];
  });
}
