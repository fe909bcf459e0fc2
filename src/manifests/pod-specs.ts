import { arrayAt, isRecord, recordAt, stringAt } from "./read-value.js";
import type { NodePath } from "./types.js";

/** A pod spec inside an object, with its node path (relative to the object). */
export interface PodSpecRef {
  path: NodePath;
  spec: Record<string, unknown>;
}

export type ContainerList = "containers" | "initContainers" | "ephemeralContainers";

/** A container of a pod spec: its path, which list it is in and its name (`#index` when unnamed). */
export interface ContainerRef {
  path: NodePath;
  list: ContainerList;
  name: string;
  container: Record<string, unknown>;
}

const TEMPLATE_SPEC = ["spec", "template", "spec"];
const JOB_TEMPLATE_SPEC = ["spec", "jobTemplate", "spec", "template", "spec"];

/** Where each built-in workload keeps its pod spec (group, kind → path). */
const KNOWN: ReadonlyMap<string, NodePath> = new Map<string, NodePath>([
  ["/Pod", ["spec"]],
  ["/PodTemplate", ["template", "spec"]],
  ["/ReplicationController", TEMPLATE_SPEC],
  ["apps/Deployment", TEMPLATE_SPEC],
  ["apps/StatefulSet", TEMPLATE_SPEC],
  ["apps/DaemonSet", TEMPLATE_SPEC],
  ["apps/ReplicaSet", TEMPLATE_SPEC],
  ["extensions/Deployment", TEMPLATE_SPEC],
  ["extensions/DaemonSet", TEMPLATE_SPEC],
  ["extensions/ReplicaSet", TEMPLATE_SPEC],
  ["batch/Job", TEMPLATE_SPEC],
  ["batch/CronJob", JOB_TEMPLATE_SPEC],
]);

/**
 * Every pod spec an object carries. Built-in workloads are read at their known path; any other object (Argo Rollout,
 * OpenKruise CloneSet, a CronJob-like CRD) counts when `spec.template.spec` or `spec.jobTemplate.spec.template.spec`
 * has `containers`, since that is what a controller turns into pods.
 *
 * `partial` is for kustomize patches, which hold only the fields they change: a pod spec there may have no
 * `containers` at all (`hostNetwork: true` alone), so every candidate location that is a mapping counts — and when the
 * patch's target kind is unknown (`kind: ""`), `spec` itself too, as for a bare Pod.
 */
export function podSpecs(object: { group: string; kind: string; value: unknown }, options: { partial?: boolean } = {}): PodSpecRef[] {
  const known = KNOWN.get(`${object.group}/${object.kind}`);
  if (known) {
    const spec = recordAt(object.value, known);
    return spec ? [{ path: known, spec }] : [];
  }
  const found: PodSpecRef[] = [];
  // A patch whose target kind is unknown (a patch file no kustomization in the change names) may be for a bare Pod.
  const candidates = options.partial && object.kind === "" ? [TEMPLATE_SPEC, JOB_TEMPLATE_SPEC, ["template", "spec"], ["spec"]] : [TEMPLATE_SPEC, JOB_TEMPLATE_SPEC, ["template", "spec"]];
  for (const path of candidates) {
    const spec = recordAt(object.value, path);
    if (spec && (options.partial || Array.isArray(spec.containers))) found.push({ path, spec });
  }
  return found;
}

/** The containers, init containers and ephemeral containers of a pod spec. */
export function containersOf(pod: PodSpecRef): ContainerRef[] {
  const lists: ContainerList[] = ["containers", "initContainers", "ephemeralContainers"];
  return lists.flatMap((list) =>
    arrayAt(pod.spec, [list]).flatMap((container, i) =>
      isRecord(container) ? [{ path: [...pod.path, list, i], list, name: stringAt(container, ["name"]) ?? `#${i}`, container }] : [],
    ),
  );
}
