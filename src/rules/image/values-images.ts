import { isRecord, recordAt, stringAt } from "../../manifests/read-value.js";
import type { ManifestObject, NodePath } from "../../manifests/types.js";
import { dotted, isHelmRelease, VALUES_PATH } from "../helm/helm-objects.js";
import { walkValues } from "../helm/walk-values.js";
import { composeImage, parseImageReference, type ImageReference } from "./image-reference.js";

/** An image a HelmRelease's values appear to set, in one of the conventional chart shapes. */
export interface ValuesImage {
  at: NodePath;
  /** The values path, e.g. `controller.image`. */
  where: string;
  /** The image as composed, or null for a registry given alone (`global.imageRegistry`). */
  reference: ImageReference | null;
  /** Set for a registry given alone. */
  registry?: string;
  /** `string` for `image: "repo:tag"` (used as written), `mapping` for `{registry, repository, tag}`. */
  shape: "string" | "mapping" | "registry";
}

/** Keys that conventionally hold an image: `image`, and camel-case `…Image` (`kubectlImage`, `initImage`). */
const IMAGE_KEY = /^image$|[a-z]Image$/;

/**
 * The images a HelmRelease's `spec.values` set, read by convention (no chart is rendered): `image: "repo:tag"`,
 * `image: {repository, tag, digest}` with `repository` holding the registry or a sibling `registry` (Bitnami), and
 * ingress-nginx's `image: {registry, image, tag, digest}`. A `global.imageRegistry` overrides every mapping's
 * registry, as in Bitnami's charts, and is itself reported as a registry.
 */
export function valuesImages(object: ManifestObject): ValuesImage[] {
  const values = isHelmRelease(object) ? recordAt(object.value, VALUES_PATH) : null;
  if (values === null) return [];
  const globalRegistry = stringAt(values, ["global", "imageRegistry"]);
  const found: ValuesImage[] = [];
  if (globalRegistry !== null) {
    found.push({ at: [...VALUES_PATH, "global", "imageRegistry"], where: "global.imageRegistry", reference: null, registry: globalRegistry, shape: "registry" });
  }
  walkValues(values, (mapping, path) => {
    // An image mapping's own keys (ingress-nginx's `image.image`) were read with it, as a part, not as an image.
    const last = path[path.length - 1];
    if (typeof last === "string" && IMAGE_KEY.test(last)) return;
    for (const [key, value] of Object.entries(mapping)) {
      if (!IMAGE_KEY.test(key)) continue;
      const at = [...VALUES_PATH, ...path, key];
      const where = dotted([...path, key]);
      if (typeof value === "string") {
        const reference = parseImageReference(value);
        if (reference !== null) found.push({ at, where, reference, shape: "string" });
        continue;
      }
      if (!isRecord(value)) continue;
      const repository = stringAt(value, ["repository"]) ?? stringAt(value, ["image"]);
      if (repository === null) continue;
      const tag = value.tag === undefined || value.tag === null || value.tag === "" ? null : (object.scalarSource([...at, "tag"]) ?? String(value.tag));
      const reference = composeImage({ registry: globalRegistry ?? stringAt(value, ["registry"]), repository, tag, digest: stringAt(value, ["digest"]) });
      if (reference !== null) found.push({ at: [...at, "repository" in value ? "repository" : "image"], where, reference, shape: "mapping" });
    }
  });
  return found;
}
