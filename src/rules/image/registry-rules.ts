import type { ObjectRule } from "../types.js";
import { helmReleaseExample as release } from "../helm/helm-example.js";
import { isApprovedName, isApprovedRegistry } from "./approved-registry.js";
import { exactImages } from "./exact-images.js";
import { NORMALISED, substitutedImage as substituted, writtenImage as written } from "./describe-image.js";
import { valuesImages } from "./values-images.js";

const POLICY = '# policy: rules.registries: ["ghcr.io/example/"]\n';
const deployment = (image: string) =>
  `${POLICY}apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: payments\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ${image}\n`;


/** Images from registries the policy does not approve (`rules.registries`; empty means no restriction). */
export const REGISTRY_RULES: ObjectRule[] = [
  {
    id: "image/registry-not-approved",
    severity: "high",
    title: "Image from a registry outside the approved list",
    description: `When the policy lists \`rules.registries\`, an image is not under any of them: a container's image (containers, init and ephemeral containers, every workload kind), an ImageRepository's \`spec.image\`, or the \`newName\` of a kustomization's \`images:\` entry or of a HelmRelease post-renderer's. ${NORMALISED}`,
    why: "The registry decides what code runs: an image from a personal Docker Hub account or a look-alike registry is outside the organisation's scanning, signing and retention, and whoever controls that repository can push a new image under the same tag at any time.",
    fix: "Mirror the image into an approved registry and reference it there, or have the platform team add the registry to `rules.registries` in the policy on the base branch.",
    examples: { bad: deployment("docker.io/someone/api:1.4.2"), good: deployment("ghcr.io/example/api:1.4.2") },
    scope: "object",
    check(object, { params }) {
      if (params.registries.length === 0) return [];
      return exactImages(object).flatMap((image) => {
        const reference = image.reference;
        if (reference === null || isApprovedName(reference.name, params.registries)) return [];
        return [{
          message: `${image.owner} uses image ${written(reference)}, which is not under an approved registry (rules.registries)${substituted(reference)}.`,
          at: image.at,
          key: `${image.owner}:${reference.name}`,
        }];
      });
    },
  },
  {
    id: "image/helm-values-registry-not-approved",
    severity: "high",
    title: "HelmRelease values set an image outside the approved registries",
    description: `When the policy lists \`rules.registries\`, a HelmRelease's \`spec.values\` set an image (\`image: "repo:tag"\`, \`image: {registry, repository, tag}\`, ingress-nginx's \`image: {registry, image}\`, keys such as \`kubectlImage\`) or a \`global.imageRegistry\` outside them. The chart is not rendered: values are recognised by these conventional shapes only. ${NORMALISED}`,
    why: "Overriding a chart's image in values is the quiet way to run different code under a vetted chart: the HelmRelease still names the same chart and version, and the review shows one changed string.",
    fix: "Point the value at a mirror in an approved registry, or leave the chart's default image (if that registry is approved).",
    examples: {
      bad: `${POLICY}${release("  values:\n    image:\n      repository: docker.io/someone/api\n      tag: 1.4.2\n")}`,
      good: `${POLICY}${release("  values:\n    image:\n      repository: ghcr.io/example/api\n      tag: 1.4.2\n")}`,
    },
    confidence: "heuristic",
    scope: "object",
    check(object, { params }) {
      if (params.registries.length === 0) return [];
      return valuesImages(object).flatMap((image) => {
        const approved = image.reference ? isApprovedName(image.reference.name, params.registries) : isApprovedRegistry(image.registry ?? "", params.registries);
        if (approved) return [];
        const what = image.reference ? `points at ${written(image.reference)}` : `points every image of the chart at registry ${image.registry}`;
        return [{
          message: `spec.values: ${image.where} ${what}, which is not under an approved registry (rules.registries) (heuristic: no chart was rendered; this assumes the chart uses the value as its image).`,
          at: image.at,
          key: `${image.where}:${image.reference?.name ?? image.registry}`,
        }];
      });
    },
  },
];
