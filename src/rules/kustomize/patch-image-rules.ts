import { isApprovedName } from "../image/approved-registry.js";
import { NORMALISED, substitutedImage, writtenImage } from "../image/describe-image.js";
import { tagMutability } from "../image/tag-mutability.js";
import type { ObjectRule } from "../types.js";
import { patchedImages } from "./patch-images.js";

const POLICY = '# policy: rules.registries: ["ghcr.io/example/"]\n';
const kustomization = (image: string) =>
  `${POLICY}apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deploy.yaml\npatches:\n  - target:\n      kind: Deployment\n      name: api\n    patch: |-\n      - op: replace\n        path: /spec/template/spec/containers/0/image\n        value: ${image}\n`;
const WHERE =
  "A kustomize patch — inline in a kustomization or a Flux Kustomization's `spec.patches` (strategic-merge or JSON 6902), a changed JSON 6902 patch file, a patch file a changed kustomization newly applies, or a HelmRelease post-renderer's patch of the chart's output — sets a container's image";

/**
 * The `image/` checks, for images a kustomize patch writes: the workload manifest keeps its approved, pinned image,
 * and only `kustomize build` shows the one the cluster runs. (`images:` rewrites are `image/` rules' own.)
 */
export const PATCH_IMAGE_RULES: ObjectRule[] = [
  {
    id: "kustomize/patch-registry-not-approved",
    severity: "high",
    title: "Kustomize patch sets an image outside the approved registries",
    description: `When the policy lists \`rules.registries\`: ${WHERE} to one under none of them. ${NORMALISED}`,
    why: "Reviewers and the `image/` rules see the Deployment's approved image; the patch replaces it at build time with code from a registry outside the organisation's scanning and signing, whose owner can push anything under that tag.",
    fix: "Patch the image to a mirror in an approved registry (or use the kustomization's `images:` with an approved `newName`), or have the platform team add the registry to `rules.registries` in the policy on the base branch.",
    examples: { bad: kustomization("docker.io/someone/api:1.4.2"), good: kustomization("ghcr.io/example/api:1.4.2") },
    scope: "object",
    check(object, context) {
      const registries = context.params.registries;
      if (registries.length === 0) return [];
      return patchedImages(object, context).flatMap((image) => {
        if (isApprovedName(image.reference.name, registries)) return [];
        return [{
          message: `${image.patch} sets ${image.owner}'s image to ${writtenImage(image.reference)}, which is not under an approved registry (rules.registries)${substitutedImage(image.reference)}.`,
          at: image.source.at,
          line: image.line,
          key: `${image.key}:registry`,
        }];
      });
    },
  },
  {
    id: "kustomize/patch-mutable-tag",
    severity: "medium",
    title: "Kustomize patch sets an image without a fixed tag",
    description: `${WHERE} with no tag or the tag \`latest\`, and no digest. Versioned tags are accepted; a digest pins any tag.`,
    why: "The workload manifest pins a version; the patch quietly moves it to whatever was pushed last, so every restart may run different code that no commit here shows.",
    fix: "Patch in a versioned tag, ideally with its digest (`ghcr.io/example/api:1.4.2@sha256:…`).",
    examples: { bad: kustomization("ghcr.io/example/api:latest"), good: kustomization("ghcr.io/example/api:1.4.2") },
    scope: "object",
    check(object, context) {
      return patchedImages(object, context).flatMap((image) => {
        const why = tagMutability(image.reference.tag, image.reference.digest);
        if (why === null || image.reference.raw.includes("${")) return [];
        return [{ message: `${image.patch} sets ${image.owner}'s image to ${image.reference.raw}, which ${why}: the image can change without a commit.`, at: image.source.at, line: image.line, key: `${image.key}:tag` }];
      });
    },
  },
];
