import type { ObjectRule } from "../types.js";
import { helmReleaseExample as release } from "../helm/helm-example.js";
import { exactImages } from "./exact-images.js";
import { tagMutability as mutability } from "./tag-mutability.js";
import { valuesImages } from "./values-images.js";

const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  namespace: payments\nspec:\n  containers:\n    - name: api\n      image: ${image}\n`;

/** Image references whose tag can point at different content tomorrow. */
export const MUTABLE_TAG_RULES: ObjectRule[] = [
  {
    id: "image/mutable-tag",
    severity: "medium",
    title: "Image without a fixed tag",
    description: "A container's image (or a kustomization's or HelmRelease post-renderer's `images:` rewrite) has no tag or the tag `latest`, and no digest. Versioned tags are accepted; a digest (`@sha256:…`) pins any tag.",
    why: "`latest` is whatever was pushed last: every restart or new node may pull different code, with no commit here to review or revert, and anyone able to push to the repository decides what runs (threat model, adversary 5, without even needing the automation).",
    fix: "Use a versioned tag, ideally with its digest (`ghcr.io/example/api:1.4.2@sha256:…`), and bump it in a reviewed commit or through Flux image automation with a bounded ImagePolicy.",
    examples: { bad: pod("ghcr.io/example/api:latest"), good: pod("ghcr.io/example/api:1.4.2") },
    scope: "object",
    check: (object) =>
      exactImages(object).flatMap((image) => {
        // An ImageRepository names what to scan, never a tag; a Flux postBuild variable is filled in at build time.
        if (image.repositoryOnly || image.reference?.raw.includes("${")) return [];
        // A rewrite without `newTag` keeps the workload's own tag, which is checked where the workload is.
        const why = image.rewrite
          ? image.rewrite.tag === null && image.rewrite.digest === null ? null : mutability(image.rewrite.tag, image.rewrite.digest)
          : image.reference && mutability(image.reference.tag, image.reference.digest);
        if (!why) return [];
        const name = image.reference?.raw ?? "";
        return [{ message: `${image.owner}${name ? ` (${name})` : ""} ${why}: the image can change without a commit.`, at: image.rewrite?.tagAt ?? image.at, key: `${image.owner}:${image.reference?.name ?? ""}` }];
      }),
  },
  {
    id: "image/helm-values-mutable-tag",
    severity: "low",
    title: "HelmRelease values set an image without a fixed tag",
    description:
      "A HelmRelease's `spec.values` set an image with the tag `latest` (or a string image without any tag) and no digest. A values image mapping without a tag is not reported: charts then use their own appVersion. The chart is not rendered: values are recognised by their conventional shapes only.",
    why: "The chart version is pinned but the image is not: each pod restart may run whatever was last pushed as `latest`, outside review.",
    fix: "Set a versioned `tag` (and its `digest`), or remove the override so the chart's pinned appVersion applies.",
    examples: {
      bad: release("  values:\n    image:\n      repository: ghcr.io/example/api\n      tag: latest\n"),
      good: release("  values:\n    image:\n      repository: ghcr.io/example/api\n      tag: 1.4.2\n"),
    },
    confidence: "heuristic",
    scope: "object",
    check: (object) =>
      valuesImages(object).flatMap((image) => {
        const reference = image.reference;
        if (reference === null || (image.shape === "mapping" && reference.tag === null)) return [];
        const why = mutability(reference.tag, reference.digest);
        if (!why) return [];
        return [{ message: `spec.values: ${image.where} (${reference.name}) ${why} (heuristic: no chart was rendered; this assumes the chart uses the value as its image).`, at: image.at, key: `${image.where}:${reference.name}` }];
      }),
  },
];
