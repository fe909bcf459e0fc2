import { containersOf, podSpecs } from "../../manifests/pod-specs.js";
import { stringAt } from "../../manifests/read-value.js";
import type { ManifestObject, NodePath } from "../../manifests/types.js";
import { FLUX_IMAGE_GROUP } from "../flux/flux-objects.js";
import { postRendererImages } from "../helm/post-renderer-images.js";
import { kustomizationImages } from "../kustomize/kustomization-images.js";
import { parseImageReference, type ImageReference } from "./image-reference.js";

/** An image an object names exactly (not inferred from Helm values). */
export interface NamedImage {
  at: NodePath;
  /** Who uses it, for messages and keys: `container api`, `ImageRepository`, `images entry nginx`. */
  owner: string;
  /** The repository it resolves to, or null when only a tag is rewritten (a kustomize entry without `newName`). */
  reference: ImageReference | null;
  /** True for an ImageRepository's `spec.image`: a repository to scan, which never carries a tag. */
  repositoryOnly?: boolean;
  /** For rewrites: the tag and digest set, and where the tag is (a container's come from `reference`). */
  rewrite?: { tag: string | null; digest: string | null; tagAt: NodePath };
}

/**
 * Every image an object names: each container's (all three lists, every workload kind), an ImageRepository's
 * `spec.image`, and the rewrites of a kustomization's `images:` and of a HelmRelease post-renderer's `images:`.
 */
export function exactImages(object: ManifestObject): NamedImage[] {
  const found: NamedImage[] = [];
  for (const pod of podSpecs(object)) {
    for (const ref of containersOf(pod)) {
      const image = stringAt(ref.container, ["image"]);
      if (image !== null) found.push({ at: [...ref.path, "image"], owner: `container ${ref.name}`, reference: parseImageReference(image) });
    }
  }
  if (object.group === FLUX_IMAGE_GROUP && object.kind === "ImageRepository") {
    const image = stringAt(object.value, ["spec", "image"]);
    if (image !== null) found.push({ at: ["spec", "image"], owner: "spec.image", reference: parseImageReference(image), repositoryOnly: true });
  }
  for (const entry of [...kustomizationImages(object), ...postRendererImages(object)]) {
    found.push({
      at: [...entry.at, entry.newName === null ? "name" : "newName"],
      owner: `the images entry for ${entry.name}`,
      // Without `newName` the entry only retags: the repository is the workload's, checked where the workload is.
      reference: entry.newName === null ? null : parseImageReference(entry.newName),
      rewrite: { tag: entry.newTag, digest: entry.digest, tagAt: [...entry.at, "newTag"] },
    });
  }
  return found;
}
