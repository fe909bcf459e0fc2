import type { PatchFileText } from "./collect-patch-files.js";
import { isKustomizeConfigObject } from "./is-kustomize-config-file.js";
import { patchFileReferences } from "./patch-file-references.js";
import { readPatchTarget, type PatchTarget } from "./patch-target.js";
import { arrayAt, isRecord, stringAt } from "./read-value.js";
import { dirOf } from "./repo-paths.js";
import type { ManifestObject } from "./types.js";

/**
 * Flux's multi-tenancy lockdown: kustomize-controller and helm-controller started with `--default-service-account`
 * apply a Kustomization or HelmRelease that names no `serviceAccountName` as that service account of the object's
 * namespace, instead of the controller's own cluster-admin identity. Flux's docs and its flux2-multi-tenancy example
 * set the flag with a patch in the bootstrap kustomization (`clusters/<name>/flux-system/kustomization.yaml`).
 */
export const LOCKABLE_CONTROLLERS = ["kustomize-controller", "helm-controller"] as const;
export type LockableController = (typeof LOCKABLE_CONTROLLERS)[number];

const FLAG = /--default-service-account=\S/;

/** True when `text` passes the lockdown flag with a service account (`--default-service-account=<name>`). */
export function setsDefaultServiceAccount(text: string): boolean {
  return FLAG.test(text);
}
/** Target name patterns longer than this are not evaluated as regular expressions (they come from repository files). */
const MAX_PATTERN = 100;

/** What the base tree's bootstrap kustomizations say: per bootstrap directory, the controllers locked down there. */
export interface FluxLockdown {
  bootstraps: ReadonlyMap<string, ReadonlySet<LockableController>>;
}

export const NO_LOCKDOWN: FluxLockdown = { bootstraps: new Map() };

/** True when `object` is a kustomization that builds Flux itself (it lists `gotk-components.yaml`). */
export function isBootstrapKustomization(object: Pick<ManifestObject, "group" | "kind" | "value">): boolean {
  return isKustomizeConfigObject(object) && arrayAt(object.value, ["resources"]).some((entry) => typeof entry === "string" && /(?:^|\/)gotk-components\.ya?ml$/.test(entry.trim()));
}

/**
 * The controllers a kustomization's patches start with `--default-service-account`: inline patches (`patches[].patch`,
 * `patchesJson6902[].patch`), and patch files whose text `patchFiles` holds.
 */
export function lockedControllers(object: Pick<ManifestObject, "group" | "kind" | "path" | "value">, patchFiles: ReadonlyMap<string, PatchFileText>): Set<LockableController> {
  const locked = new Set<LockableController>();
  if (!isKustomizeConfigObject(object)) return locked;
  const note = (text: string | null, target: PatchTarget) => {
    if (text === null || !setsDefaultServiceAccount(text)) return;
    for (const controller of LOCKABLE_CONTROLLERS) if (targets(target, controller)) locked.add(controller);
  };
  for (const field of ["patches", "patchesJson6902"]) {
    for (const entry of arrayAt(object.value, [field])) note(stringAt(entry, ["patch"]), readPatchTarget(isRecord(entry) ? entry.target : null));
  }
  for (const reference of patchFileReferences(object)) {
    const file = patchFiles.get(reference.path);
    note(file && "text" in file ? file.text : null, reference.target);
  }
  return locked;
}

/**
 * True when `controller` is locked down for the object at `path`: the bootstrap kustomizations of the clusters whose
 * folder holds the path lock it; a path in no cluster's folder (`tenants/`, `infrastructure/`, which any cluster may
 * apply) needs every bootstrap kustomization of the repository to lock it.
 */
export function isLockedDown(lockdown: FluxLockdown, controller: LockableController, path: string): boolean {
  const all = [...lockdown.bootstraps];
  const mine = all.filter(([dir]) => {
    const root = dirOf(dir);
    return root === "" || path.startsWith(`${root}/`);
  });
  const judged = mine.length > 0 ? mine : all;
  return judged.length > 0 && judged.every(([, locked]) => locked.has(controller));
}

/**
 * Kustomize matches `target.name` as an anchored regular expression; a Deployment target without a name is any. Names
 * and alternations of names (`(kustomize-controller|helm-controller)`, what Flux's docs write) are compared exactly;
 * another pattern is tried as a regular expression only when it cannot backtrack catastrophically (no quantified
 * group), and otherwise locks nothing — the no-service-account rules then keep reporting, failing closed.
 */
function targets(target: PatchTarget, controller: LockableController): boolean {
  if (target.kind !== null && target.kind !== "Deployment") return false;
  if (target.name === null) return true;
  const names = /^\(?([\w.-]+(?:\|[\w.-]+)*)\)?$/.exec(target.name.trim());
  if (names) return names[1]!.split("|").includes(controller);
  if (target.name.length > MAX_PATTERN || /\)[*+?{]/.test(target.name)) return false;
  try {
    return new RegExp(`^(?:${target.name})$`).test(controller);
  } catch {
    return false;
  }
}
