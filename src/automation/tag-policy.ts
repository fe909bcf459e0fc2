import { isRecord } from "../manifests/read-value.js";
import { compileGoRegexp, expandGoTemplate } from "./go-regexp.js";
import { parseSemverRange, satisfies } from "./semver-range.js";
import { parseTagVersion } from "./semver-version.js";

export type TagVerdict = { allowed: true } | { allowed: false; reason: string };

/** Go's `strconv.ParseFloat` on plain decimals; its other spellings (hex, `inf`, `nan`) are refused. */
const DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/**
 * Whether the ImagePolicy `spec` could select `tag`, as the image-reflector-controller filters and orders tags:
 * `filterTags.pattern` must match (Go RE2) and `extract` gives the value the policy orders; a `semver` policy needs
 * that value to be a version in its range. `alphabetical` and `numerical` policies pick the greatest of the tags the
 * registry has, which cannot be known without the registry: any tag passing the filter (and, for numerical, reading
 * as a number) is accepted. A policy flux-warden cannot evaluate accepts nothing.
 */
export function checkTag(spec: Record<string, unknown> | null, tag: string): TagVerdict {
  const filtered = applyFilter(spec?.filterTags, tag);
  if ("reason" in filtered) return { allowed: false, reason: filtered.reason };
  const { value } = filtered;
  const shown = value === tag ? `"${tag}"` : `"${tag}" (extracted "${value}")`;
  const choice = isRecord(spec?.policy) ? spec.policy : null;
  if (choice && choice.semver !== undefined && choice.semver !== null) {
    const range = isRecord(choice.semver) ? choice.semver.range : undefined;
    if (typeof range !== "string") return { allowed: false, reason: "the policy's spec.policy.semver.range is missing or not a string" };
    const parsed = parseSemverRange(range);
    if ("error" in parsed) return { allowed: false, reason: `the policy's semver range "${range}" ${parsed.error}` };
    const version = parseTagVersion(value);
    if (!version) return { allowed: false, reason: `${shown} is not a semantic version, so the semver policy never selects it` };
    return satisfies(version, parsed) ? { allowed: true } : { allowed: false, reason: `${shown} is outside the semver range "${range}"` };
  }
  for (const order of ["alphabetical", "numerical"] as const) {
    if (!choice || choice[order] === undefined || choice[order] === null) continue;
    const direction = isRecord(choice[order]) ? choice[order].order : undefined;
    if (direction !== undefined && (typeof direction !== "string" || !/^(asc|desc)$/i.test(direction))) {
      return { allowed: false, reason: `the policy's ${order}.order ${JSON.stringify(direction)} is neither asc nor desc` };
    }
    if (order === "numerical" && !DECIMAL.test(value)) return { allowed: false, reason: `${shown} is not a number, so the numerical policy never selects it` };
    return { allowed: true };
  }
  return { allowed: false, reason: "the policy has no semver, alphabetical or numerical choice under spec.policy" };
}

function applyFilter(filterTags: unknown, tag: string): { value: string } | { reason: string } {
  if (filterTags === undefined || filterTags === null) return { value: tag };
  if (!isRecord(filterTags)) return { reason: "the policy's spec.filterTags is not a mapping" };
  const { pattern = "", extract = "" } = filterTags;
  if (typeof pattern !== "string" || typeof extract !== "string") return { reason: "the policy's filterTags.pattern or extract is not a string" };
  const compiled = compileGoRegexp(pattern);
  if ("error" in compiled) return { reason: `the policy's filterTags.pattern "${pattern}" ${compiled.error}: flux-warden cannot evaluate it and accepts no tag` };
  const match = compiled.regex.exec(tag);
  if (!match) return { reason: `"${tag}" does not match the policy's filterTags.pattern "${pattern}"` };
  return { value: extract === "" ? tag : expandGoTemplate(extract, match) };
}
