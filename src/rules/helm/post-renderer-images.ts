import { arrayAt, isRecord, stringAt } from "../../manifests/read-value.js";
import type { ManifestObject } from "../../manifests/types.js";
import type { KustomizationImage } from "../kustomize/kustomization-images.js";
import { isHelmRelease } from "./helm-objects.js";

/**
 * The image rewrites of a HelmRelease's kustomize post-renderers (`spec.postRenderers[].kustomize.images`), in the
 * shape of a kustomization's `images:` entries: the `image/` family checks where they point.
 */
export function postRendererImages(object: ManifestObject): KustomizationImage[] {
  if (!isHelmRelease(object)) return [];
  return arrayAt(object.value, ["spec", "postRenderers"]).flatMap((_, r) =>
    arrayAt(object.value, ["spec", "postRenderers", r, "kustomize", "images"]).flatMap((entry, i) => {
      const name = stringAt(entry, ["name"]);
      if (!isRecord(entry) || name === null) return [];
      const at = ["spec", "postRenderers", r, "kustomize", "images", i];
      // An unquoted `newTag: 1.10` is the number 1.1 once parsed: the scalar's source is the tag that was meant.
      const tag = typeof entry.newTag === "string" ? stringAt(entry, ["newTag"]) : entry.newTag === undefined || entry.newTag === null ? null : object.scalarSource([...at, "newTag"]);
      return [{ at, name, newName: stringAt(entry, ["newName"]), newTag: tag, digest: stringAt(entry, ["digest"]) }];
    }),
  );
}
