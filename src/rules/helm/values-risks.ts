import { isRecord, isTruthy, recordAt } from "../../manifests/read-value.js";
import type { ManifestObject, NodePath } from "../../manifests/types.js";
import { WRITTEN_RISKS } from "../pod-security/fields.js";
import { isSensitiveHostPath } from "../pod-security/host-paths.js";
import { securityContextSettings } from "../pod-security/security-context-settings.js";
import type { PodSecurityField } from "../pod-security/types.js";
import { dotted, isHelmRelease, VALUES_PATH } from "./helm-objects.js";
import { walkValues } from "./walk-values.js";

/** What a risky value would do if the chart passes it through: run privileged, run as root, grant cluster-admin. */
export type ValuesRiskKind = "privileged" | "weakened" | "cluster-admin";

/** A security-relevant value found in a HelmRelease's inline values. */
export interface ValuesRisk {
  kind: ValuesRiskKind;
  /** The offending node, relative to the HelmRelease. */
  at: NodePath;
  /** Stable: the values path of the mapping and what it sets, e.g. `controller.securityContext:privileged`. */
  key: string;
  /** E.g. `controller.securityContext sets privileged: true`. */
  clause: string;
}

/** Restricted settings that switch a protection off: "weakened", below the Baseline ones. */
const WEAKENING: ReadonlySet<PodSecurityField> = new Set(["allow-privilege-escalation", "run-as-root-user", "run-as-non-root"]);
const HOST_FLAGS = ["hostNetwork", "hostPID", "hostIPC"];
const CLUSTER_ADMIN_KEY = /cluster[-_]?admin/i;

/**
 * Reads a HelmRelease's `spec.values` for the keys charts conventionally turn into pod and RBAC fields, at any depth
 * (no chart is rendered, so where a chart puts `controller.securityContext` is unknown; that it usually passes it
 * through is the heuristic). Every mapping is read as a possible security context with the pod-security predicates,
 * plus host namespaces, hostPath, hostPort and cluster-admin flags.
 */
export function valuesRisks(object: ManifestObject): ValuesRisk[] {
  const values = isHelmRelease(object) ? recordAt(object.value, VALUES_PATH) : null;
  if (values === null) return [];
  const risks: ValuesRisk[] = [];
  walkValues(values, (mapping, path) => {
    const where = path.length === 0 ? "the values" : dotted(path);
    const add = (kind: ValuesRiskKind, relative: NodePath, key: string, clause: string) =>
      risks.push({ kind, at: [...VALUES_PATH, ...path, ...relative], key: `${dotted(path)}:${key}`, clause: `${where} ${clause}` });
    for (const setting of securityContextSettings(mapping)) {
      if (WEAKENING.has(setting.field)) add("weakened", setting.at, setting.key, setting.clause);
      else if (WRITTEN_RISKS.has(setting.field)) add("privileged", setting.at, setting.key, setting.clause);
    }
    for (const flag of HOST_FLAGS) if (isTruthy(mapping[flag])) add("privileged", [flag], flag, `sets ${flag}: true`);
    const hostPath = hostPathOf(mapping.hostPath);
    if (hostPath !== null) {
      const sensitive = isSensitiveHostPath(hostPath) ? " (a sensitive node path)" : "";
      add("privileged", ["hostPath"], `hostPath:${hostPath}`, `mounts hostPath ${hostPath}${sensitive}`);
    }
    const port = mapping.hostPort;
    if (typeof port === "number" && port > 0) add("privileged", ["hostPort"], "hostPort", `sets hostPort: ${port}`);
    if (isRecord(port) && isTruthy(port.enabled)) add("privileged", ["hostPort", "enabled"], "hostPort", "enables hostPort");
    for (const [key, value] of Object.entries(mapping)) {
      if (CLUSTER_ADMIN_KEY.test(key) && isTruthy(value)) add("cluster-admin", [key], key, `sets ${key}: true`);
      else if (value === "cluster-admin") add("cluster-admin", [key], key, `sets ${key}: cluster-admin`);
    }
  });
  return risks;
}

/** The node path a `hostPath` value names: a string, or a mapping's `path` unless it says `enabled: false`. */
function hostPathOf(value: unknown): string | null {
  if (typeof value === "string") return value.startsWith("/") ? value : null;
  if (!isRecord(value) || typeof value.path !== "string" || value.path === "") return null;
  return "enabled" in value && !isTruthy(value.enabled) ? null : value.path;
}
