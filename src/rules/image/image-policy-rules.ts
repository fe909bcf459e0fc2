import { recordAt, stringAt } from "../../manifests/read-value.js";
import type { ManifestObject, NodePath } from "../../manifests/types.js";
import { FLUX_IMAGE_GROUP } from "../flux/flux-objects.js";
import type { ChangeHit, ChangeRule, ObjectRule } from "../types.js";
import { rangeWidening } from "./range-widening.js";
import { isBoundedSemverRange } from "./semver-range.js";
import { acceptsAnyTag, lostAnchor } from "./tag-pattern.js";

const isImagePolicy = (object: ManifestObject) => object.group === FLUX_IMAGE_GROUP && object.kind === "ImagePolicy";
const policy = (spec: string) =>
  `apiVersion: image.toolkit.fluxcd.io/v1beta2\nkind: ImagePolicy\nmetadata:\n  name: api\n  namespace: payments\nspec:\n  imageRepositoryRef:\n    name: api\n${spec}`;
const pattern = (object: ManifestObject) => stringAt(object.value, ["spec", "filterTags", "pattern"]);

/** Flux image automation policies that let a pushed tag choose what is deployed (threat model, adversary 5). */
export const IMAGE_POLICY_RULES: Array<ObjectRule | ChangeRule> = [
  {
    id: "image/policy-unbounded",
    severity: "high",
    title: "ImagePolicy accepts any newer tag",
    description:
      "An ImagePolicy (image.toolkit.fluxcd.io) selects by `semver` with a range that is missing, `*` or has no upper bound (`>=1.0.0`), or by `alphabetical` or `numerical` order with no `filterTags.pattern` (or one that matches any tag).",
    why: "This is the threat model's adversary 5: image automation writes the selected tag into this repository and Flux deploys it. With no upper bound, anyone who can push to the registry (a leaked CI token, a compromised upstream) publishes `99.0.0` and it is rolled out within an interval, through a commit the automation signs.",
    fix: "Bound the range to the current major (`>=1.4.0 <2.0.0`, `~1.4`, `1.x`), or give ordered policies a `filterTags.pattern` anchored to your release tags (`^main-[a-f0-9]+-(?P<ts>[0-9]+)$`).",
    examples: { bad: policy("  policy:\n    semver:\n      range: \">=1.0.0\"\n"), good: policy("  policy:\n    semver:\n      range: \">=1.0.0 <2.0.0\"\n") },
    scope: "object",
    check(object) {
      if (!isImagePolicy(object)) return [];
      const spec = recordAt(object.value, ["spec", "policy"]);
      if (spec === null) return [];
      if (spec.semver !== undefined) {
        const range = stringAt(spec, ["semver", "range"]) ?? "";
        if (isBoundedSemverRange(range)) return [];
        const what = range === "" ? "has no spec.policy.semver.range" : `selects by semver range "${range}", which has no upper bound`;
        return [{ message: `${what}: any higher version pushed to the registry is deployed.`, at: ["spec", "policy", "semver", "range"], key: "policy:unbounded" }];
      }
      for (const order of ["alphabetical", "numerical"]) {
        if (spec[order] === undefined) continue;
        const filter = pattern(object);
        if (filter !== null && !acceptsAnyTag(filter)) return [];
        const why = filter === null ? "no filterTags.pattern" : `filterTags.pattern "${filter}", which accepts any tag`;
        return [{ message: `orders tags ${order === "alphabetical" ? "alphabetically" : "numerically"} with ${why}: any tag pushed to the registry that sorts last is deployed.`, at: ["spec", "policy", order], key: "policy:unbounded" }];
      }
      return [];
    },
  },
  {
    id: "image/policy-filter-widened",
    severity: "high",
    title: "ImagePolicy tag filter removed or widened",
    description:
      "At base an ImagePolicy had `spec.filterTags.pattern`; the change removes it, replaces it with one that accepts any tag (`.*`), or drops its `^` or `$` anchor. Other pattern edits are not judged (whether one regular expression is wider than another is not decidable in general).",
    why: "The tag filter is what keeps image automation to the tags your release process produces: without it, a tag pushed by anyone with registry access (`main-ffffff-9999999999`, `latest-pr-123`) is a candidate for deployment (threat model, adversary 5), and the change that opens it looks like a small regex tweak.",
    fix: "Keep the filter anchored (`^…$`) to the tag format your CI produces; change it only together with the pipeline that produces those tags.",
    examples: {
      base: policy("  filterTags:\n    pattern: '^main-[a-f0-9]+-(?P<ts>[0-9]+)$'\n    extract: '$ts'\n  policy:\n    numerical:\n      order: asc\n"),
      bad: policy("  filterTags:\n    pattern: '.*'\n  policy:\n    numerical:\n      order: asc\n"),
      good: policy("  filterTags:\n    pattern: '^main-[a-f0-9]{7}-(?P<ts>[0-9]{10})$'\n    extract: '$ts'\n  policy:\n    numerical:\n      order: asc\n"),
    },
    scope: "change",
    check({ base, head }) {
      if (!base || !head || !isImagePolicy(base) || !isImagePolicy(head)) return [];
      const [before, after] = [pattern(base), pattern(head)];
      if (before === null || before === after) return [];
      const at: NodePath = ["spec", "filterTags", "pattern"];
      const hits: ChangeHit[] = [];
      if (after === null) hits.push({ message: `spec.filterTags.pattern "${before}" was removed: every tag in the repository is now a candidate.`, at, key: `filter:${before}->` });
      else if (acceptsAnyTag(after) && !acceptsAnyTag(before)) hits.push({ message: `spec.filterTags.pattern changed from "${before}" to "${after}", which accepts any tag.`, at, key: `filter:${before}->${after}` });
      else if (lostAnchor(before, after)) hits.push({ message: `spec.filterTags.pattern changed from "${before}" to "${after}", dropping an anchor: it now also matches inside longer tags.`, at, key: `filter:${before}->${after}` });
      return hits;
    },
  },
  {
    id: "image/policy-range-widened",
    severity: "medium",
    title: "ImagePolicy semver range widened",
    description:
      "An ImagePolicy's `spec.policy.semver.range` stays bounded but lets releases move further than at base: from one version to new patches, from patches of one minor to new minors (`~1.4` to `^1.4`), or to new majors (`>=1.4.0 <3.0.0`, or an `||` alternative in another major). Moving the same window up (`~1.4` to `~1.5`) is a routine bump and is not reported; an unbounded range is `image/policy-unbounded`'s.",
    why: "The range is the promise that bounds what image automation may deploy without review (threat model, adversary 5): widening it lets whoever can push to the registry ship a new minor or major — with its new defaults, or as an attack — through a commit the automation signs.",
    fix: "Keep the range as narrow as your release process needs (`~1.4` for patch releases); widen it in a change reviewed by the people who own the image's supply chain.",
    examples: {
      base: policy("  policy:\n    semver:\n      range: \"~1.4\"\n"),
      bad: policy("  policy:\n    semver:\n      range: \">=1.4.0 <3.0.0\"\n"),
      good: policy("  policy:\n    semver:\n      range: \"~1.5\"\n"),
    },
    scope: "change",
    check({ base, head }) {
      if (!base || !head || !isImagePolicy(base) || !isImagePolicy(head)) return [];
      const at: NodePath = ["spec", "policy", "semver", "range"];
      const [before, after] = [stringAt(base.value, at), stringAt(head.value, at)];
      if (before === null || after === null || before === after || !isBoundedSemverRange(after)) return [];
      const widened = rangeWidening(before, after);
      return widened ? [{ message: `spec.policy.semver.range ${widened}.`, at, key: `range:${before}->${after}` }] : [];
    },
  },
];
