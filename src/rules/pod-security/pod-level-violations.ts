import type { PodSpecRef } from "../../manifests/pod-specs.js";
import { arrayAt, isRecord, isTruthy, recordAt, stringAt } from "../../manifests/read-value.js";
import type { NodePath } from "../../manifests/types.js";
import { APPARMOR_ANNOTATION_PREFIX, isConfinedAppArmorAnnotation, RESTRICTED_VOLUME_TYPES } from "./allowed-values.js";
import { isSensitiveHostPath, normalizeHostPath } from "./host-paths.js";
import { securityContextSettings } from "./security-context-settings.js";
import type { FieldViolation } from "./types.js";

const HOST_FLAGS = ["hostNetwork", "hostPID", "hostIPC"] as const;

/** Where the pod template's metadata sits next to its spec (`spec.template.metadata` for `spec.template.spec`). */
export function podMetadataPath(pod: PodSpecRef): NodePath {
  return [...pod.path.slice(0, -1), "metadata"];
}

/**
 * Violations that belong to the pod as a whole: host namespaces, volumes (hostPath, and types outside Restricted's
 * list), sysctls, and the AppArmor annotations of the pod template (`owner` is the object holding the pod spec).
 */
export function podLevelViolations(pod: PodSpecRef, owner?: unknown): FieldViolation[] {
  const found: FieldViolation[] = [];
  for (const flag of HOST_FLAGS) {
    if (isTruthy(pod.spec[flag])) found.push({ field: "host-namespaces", at: [...pod.path, flag], key: `pod:${flag}`, message: `the pod sets ${flag}: true` });
  }
  arrayAt(pod.spec, ["volumes"]).forEach((volume, i) => {
    if (!isRecord(volume)) return;
    const name = stringAt(volume, ["name"]) ?? `#${i}`;
    if (isRecord(volume.hostPath)) {
      const path = stringAt(volume, ["hostPath", "path"]);
      const where = path ?? "(no path)";
      // No path is rejected by the API server; it is reported as the worst case rather than guessed harmless.
      const sensitive = path === null || isSensitiveHostPath(path);
      const resolved = path !== null && normalizeHostPath(path) !== path ? `that is ${normalizeHostPath(path)}, ` : "";
      found.push({
        field: sensitive ? "host-path-sensitive" : "host-path",
        at: [...pod.path, "volumes", i, "hostPath"],
        key: `volume:${name}:${where}`,
        message: `volume ${name} mounts hostPath ${where}${sensitive ? ` (${resolved}a sensitive node path)` : ""}`,
      });
      return;
    }
    for (const type of Object.keys(volume)) {
      if (type === "name" || RESTRICTED_VOLUME_TYPES.has(type)) continue;
      found.push({ field: "volume-types", at: [...pod.path, "volumes", i, type], key: `volume:${name}:${type}`, message: `volume ${name} is of type ${type}` });
    }
  });
  for (const setting of securityContextSettings(recordAt(pod.spec, ["securityContext"]))) {
    if (setting.field !== "unsafe-sysctls") continue;
    found.push({ field: setting.field, at: [...pod.path, "securityContext", ...setting.at], key: `pod:${setting.key}`, message: `the pod ${setting.clause}` });
  }
  const annotationsPath = [...podMetadataPath(pod), "annotations"];
  const annotations = recordAt(owner, annotationsPath) ?? {};
  for (const [name, value] of Object.entries(annotations)) {
    if (!name.startsWith(APPARMOR_ANNOTATION_PREFIX) || typeof value !== "string" || value === "" || isConfinedAppArmorAnnotation(value)) continue;
    const container = name.slice(APPARMOR_ANNOTATION_PREFIX.length);
    found.push({
      field: "apparmor-unconfined",
      at: [...annotationsPath, name],
      // The same key as the field's, so moving from the annotation to `appArmorProfile` is not a new risk.
      key: `container:${container}:appArmorProfile`,
      message: `container ${container} runs with AppArmor profile ${value} (pod annotation)`,
    });
  }
  return found;
}
