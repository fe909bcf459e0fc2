import type { RuleFinding } from "../engine/finding.js";
import type { RepoIndex } from "../manifests/repo-index.js";
import { AUTOMATION_RULES, automationFinding } from "./automation-rules.js";
import type { MarkedChange } from "./compare-yaml.js";
import { isValidTag, parseImageName } from "./image-name.js";
import { resolveImagePolicy, type PolicyBinding } from "./resolve-image-policy.js";
import { checkTag } from "./tag-policy.js";

type Rule = (typeof AUTOMATION_RULES)[keyof typeof AUTOMATION_RULES];

/**
 * Whether the value a marked scalar was set to is one the controller could have written: the policy the marker names
 * exists in the base, the image is its repository's, the tag is one it could select. One finding per rule at most.
 */
export function checkMarkedChange(change: MarkedChange, path: string, commit: string, index: RepoIndex): RuleFinding[] {
  const where = `${path}:${change.line} \`${change.field}\` was set from "${change.before}" to "${change.after}" under the marker "${change.marker.setter}"`;
  const finding = (rule: Rule, why: string) => automationFinding(rule, { message: `${where}, but ${why}.`, path, line: change.line, commit, object: change.object });
  const { marker } = change;
  if ("invalid" in marker) return [finding(AUTOMATION_RULES.unknownPolicy, `${marker.invalid}: the controller resolves no policy for it`)];
  if (marker.field === "digest") {
    return [finding(AUTOMATION_RULES.tagOutsidePolicy, "a `:digest` setter's value cannot be tied to a tag the policy allows without asking the registry")];
  }
  const bindings = resolveImagePolicy(index, marker.namespace, marker.policy, path);
  if (!Array.isArray(bindings)) return [finding(AUTOMATION_RULES.unknownPolicy, bindings.reason)];
  const problems = new Map<Rule, string>();
  for (const binding of bindings) {
    for (const [rule, why] of judge(marker.field, change.after, binding)) if (!problems.has(rule)) problems.set(rule, why);
  }
  return [...problems].map(([rule, why]) => finding(rule, why));
}

/** What is wrong with `value` under one policy binding. */
function judge(field: "image" | "tag" | "name", value: string, { policy, repository }: PolicyBinding): Array<[Rule, string]> {
  const policyName = `ImagePolicy ${policy.namespace}/${policy.name} in ${policy.path}`;
  const image = typeof repository.spec?.image === "string" ? parseImageName(repository.spec.image) : null;
  if (!image) return [[AUTOMATION_RULES.unknownPolicy, `the spec.image of ImageRepository ${repository.namespace}/${repository.name} in ${repository.path} is missing or not an image name`]];
  const problems: Array<[Rule, string]> = [];
  let tag: string | null = value;
  if (field !== "tag") {
    const written = parseImageName(value);
    if (!written) return [[AUTOMATION_RULES.imageOutsideRepository, `"${value}" is not a valid image reference`]];
    if (written.name !== image.name) {
      problems.push([AUTOMATION_RULES.imageOutsideRepository, `${written.name} is not ${image.name}, the image of the repository ${policyName} selects from`]);
    }
    if (field === "name") {
      if (written.tag !== null || written.digest !== null) problems.push([AUTOMATION_RULES.imageOutsideRepository, `a \`:name\` setter holds the image name only, not "${value}"`]);
      return problems;
    }
    tag = written.tag;
  }
  if (tag === null) problems.push([AUTOMATION_RULES.tagOutsidePolicy, `"${value}" has no tag, and ${policyName} only ever selects tags`]);
  else if (!isValidTag(tag)) problems.push([AUTOMATION_RULES.tagOutsidePolicy, `"${tag}" is not a valid image tag`]);
  else {
    const verdict = checkTag(policy.spec, tag);
    if (!verdict.allowed) problems.push([AUTOMATION_RULES.tagOutsidePolicy, `${verdict.reason} (${policyName})`]);
  }
  return problems;
}
