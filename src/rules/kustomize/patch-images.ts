import { containersOf, podSpecs } from "../../manifests/pod-specs.js";
import { stringAt } from "../../manifests/read-value.js";
import type { ManifestObject } from "../../manifests/types.js";
import { parseImageReference, type ImageReference } from "../image/image-reference.js";
import type { RuleContext } from "../types.js";
import { readablePartials, type PartialSource } from "./patch-sources.js";

/** A container image a kustomize patch sets, with where the patch writes it. */
export interface PatchedImage {
  source: PartialSource;
  /** `container api` (`container #0` when a JSON 6902 path names it by index). */
  owner: string;
  reference: ImageReference;
  /** The finding's line (the patch's own line, or the reference that applies the patch file). */
  line: number;
  /** How a message names the patch: "an inline patch for Deployment api". */
  patch: string;
  /** Identifies the image within the object, independently of position, for the base/head comparison. */
  key: string;
}

/**
 * Every container image a kustomization's patches (or a JSON 6902 patch file, or a HelmRelease's post-renderer) write,
 * through the same patch sources as the other patch rules: a patch that swaps the image is as effective as editing the workload, and the workload's
 * manifest shows nothing.
 */
export function patchedImages(object: ManifestObject, { index }: RuleContext): PatchedImage[] {
  const found: PatchedImage[] = [];
  for (const { source, partial } of readablePartials(object, index.patchFiles)) {
    const target = { group: partial.group || null, kind: partial.kind || null, name: partial.name };
    for (const container of podSpecs(partial, { partial: true }).flatMap(containersOf)) {
      const raw = stringAt(container.container, ["image"]);
      const reference = raw === null ? null : parseImageReference(raw);
      if (reference === null) continue;
      const line = partial.lineOf([...container.path, "image"]);
      found.push({
        source,
        owner: `container ${container.name}`,
        reference,
        line: source.reportedLine(line),
        patch: source.describe(target, line),
        key: `${source.key}${partial.kind}/${partial.name ?? "*"}:${container.name}:${reference.name}`,
      });
    }
  }
  return found;
}
