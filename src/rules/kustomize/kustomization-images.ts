import { arrayAt, isRecord, stringAt } from "../../manifests/read-value.js";
import type { ManifestObject, NodePath } from "../../manifests/types.js";
import { isKustomizeConfig } from "./is-kustomize-config.js";

/** One entry of a kustomization's `images:` (an image rewrite applied to every container that uses `name`). */
export interface KustomizationImage {
  at: NodePath;
  /** The image name it matches in the manifests. */
  name: string;
  /** Replacement repository (the registry check belongs to the `image/` family). */
  newName: string | null;
  newTag: string | null;
  digest: string | null;
}

/**
 * The image rewrites of a kustomization, for the `image/` family: a `newName` outside `rules.registries` changes every
 * matching container's image without touching the workload manifest.
 */
export function kustomizationImages(object: ManifestObject): KustomizationImage[] {
  if (!isKustomizeConfig(object)) return [];
  return arrayAt(object.value, ["images"]).flatMap((entry, i) => {
    const name = stringAt(entry, ["name"]);
    if (!isRecord(entry) || name === null) return [];
    return [{
      at: ["images", i],
      name,
      newName: stringAt(entry, ["newName"]),
      newTag: tagOf(object, entry.newTag, ["images", i, "newTag"]),
      digest: stringAt(entry, ["digest"]),
    }];
  });
}

/**
 * The tag as written. An unquoted `newTag: 1.10` is a YAML number (1.1 once parsed), so the number's JS text would
 * name another tag: the scalar's source text is the tag the author meant (and the one a finding must quote).
 */
function tagOf(object: ManifestObject, tag: unknown, at: NodePath): string | null {
  if (typeof tag === "string") return tag === "" ? null : tag;
  if (typeof tag !== "number" && typeof tag !== "boolean") return null;
  return object.scalarSource(at) ?? String(tag);
}
