import type { Locator } from "./create-locator.js";
import { isKustomizeConfigFile, KUSTOMIZE_CONFIG_GROUP } from "./is-kustomize-config-file.js";
import { isJson6902Patch, patchFileObject } from "./json6902-patch-file.js";
import { objectKey, splitApiVersion } from "./object-key.js";
import { dirOf } from "./repo-paths.js";
import type { ManifestObject, NodePath } from "./types.js";
import { isRecord } from "./read-value.js";

/**
 * The objects in one parsed YAML document. A document without `apiVersion` and `kind` is not a Kubernetes object and
 * yields nothing (values files, plain lists), except a kustomize config file, which may omit both, and a JSON 6902
 * patch file, which becomes a synthetic `JSON6902Patch` object (see json6902-patch-file.ts). The items of a
 * `kind: List` (or any `…List` with `items`) are objects of their own: kustomize and kubectl apply them one by one, so
 * a ClusterRoleBinding wrapped in a List must be seen.
 */
export function documentObjects(
  value: unknown,
  path: string,
  docIndex: number,
  locate: (root: NodePath) => Locator,
): ManifestObject[] {
  if (isJson6902Patch(value)) return [patchFileObject(value, path, docIndex, locate)];
  if (!isRecord(value)) return [];
  if (isKustomizeConfigFile(path) && (value.apiVersion === undefined || groupOf(value.apiVersion) === KUSTOMIZE_CONFIG_GROUP)) {
    const apiVersion = typeof value.apiVersion === "string" ? value.apiVersion : `${KUSTOMIZE_CONFIG_GROUP}/v1beta1`;
    const kind = typeof value.kind === "string" ? value.kind : "Kustomization";
    // Kustomize config files have no name: their directory is what they configure, and what identifies them.
    return [makeObject(value, apiVersion, kind, null, dirOf(path), path, docIndex, [], locate)];
  }
  const head = asObject(value, path, docIndex, [], locate);
  if (!head) return [];
  if (head.kind.endsWith("List") && Array.isArray(value.items)) {
    return value.items.flatMap((item, i) => {
      const object = isRecord(item) ? asObject(item, path, docIndex, ["items", i], locate) : null;
      return object ? [object] : [];
    });
  }
  return [head];
}

function asObject(
  value: Record<string, unknown>,
  path: string,
  docIndex: number,
  root: NodePath,
  locate: (root: NodePath) => Locator,
): ManifestObject | null {
  const { apiVersion, kind } = value;
  if (typeof apiVersion !== "string" || apiVersion === "" || typeof kind !== "string" || kind === "") return null;
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const namespace = typeof metadata.namespace === "string" && metadata.namespace !== "" ? metadata.namespace : null;
  const name = typeof metadata.name === "string" ? metadata.name : typeof metadata.generateName === "string" ? metadata.generateName : "";
  return makeObject(value, apiVersion, kind, namespace, name, path, docIndex, root, locate);
}

function makeObject(
  value: Record<string, unknown>,
  apiVersion: string,
  kind: string,
  namespace: string | null,
  name: string,
  path: string,
  docIndex: number,
  root: NodePath,
  locate: (root: NodePath) => Locator,
): ManifestObject {
  const { group, version } = splitApiVersion(apiVersion);
  const locator = locate(root);
  return {
    apiVersion,
    group,
    version,
    kind,
    namespace,
    name,
    path,
    docIndex,
    root,
    key: objectKey(group, kind, namespace, name),
    value,
    lineOf: locator.lineOf,
    valueLocation: locator.valueLocation,
    scalarSource: locator.scalarSource,
  };
}

function groupOf(apiVersion: unknown): string | null {
  return typeof apiVersion === "string" ? splitApiVersion(apiVersion).group : null;
}
