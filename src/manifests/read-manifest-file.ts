import type { FileVersion } from "../sources/change-set.js";
import { isKustomizeConfigFile } from "./is-kustomize-config-file.js";
import { patchFileOf } from "./json6902-patch-file.js";
import { DEFAULT_MANIFEST_LIMITS, type ManifestLimits } from "./limits.js";
import { parseManifests } from "./parse-manifests.js";
import type { ParsedFile, Side } from "./types.js";

/** A side of a file either parses (possibly with problems) or is skipped for a stated reason. */
export type ManifestFileResult = { parsed: ParsedFile } | { skipped: string };

/** True for the files the manifest layer evaluates: `.yaml`/`.yml`, and kustomize's extension-less `Kustomization`. */
export function isManifestPath(path: string): boolean {
  return /\.ya?ml$/i.test(path) || isKustomizeConfigFile(path);
}

/** True for `.json` files: read only for the JSON 6902 patch files a kustomization may reference by path. */
function isJsonPath(path: string): boolean {
  return /\.json$/i.test(path);
}

/**
 * Turns one side of a changed file into parsed manifests, or says why it is not evaluated. A submodule or an
 * oversized file is a problem (its content is unknown, so the gate fails closed); binary and non-YAML files are only
 * skipped (Flux does not apply them as manifests). A JSON file counts only when it is a JSON 6902 patch file.
 */
export function readManifestFile(
  path: string,
  side: Side,
  version: FileVersion,
  limits: ManifestLimits = DEFAULT_MANIFEST_LIMITS,
): ManifestFileResult {
  const file = (problem: ParsedFile["problems"][number]): ManifestFileResult => ({ parsed: { path, side, objects: [], problems: [problem] } });
  if (version.kind === "submodule") {
    return file({ kind: "submodule", line: null, message: `is a submodule (commit ${version.oid}): its contents are not evaluated` });
  }
  if (version.kind === "symlink") return { skipped: "symlink: the target is not evaluated" };
  const json = isJsonPath(path);
  if (!isManifestPath(path) && !json) return { skipped: "not a YAML file" };
  const size = version.content?.length ?? version.size;
  // An oversized JSON file is not known to be a JSON 6902 patch until it is read, and a padded patch file must not
  // slip through: it fails closed like any oversized manifest (an exception for its path accepts a big dashboard).
  if (version.tooLarge || size > limits.maxBytes) {
    const what = json ? " (a JSON file may be a kustomize patch)" : "";
    return file({ kind: "too-large", line: null, message: `is ${size} bytes, over the ${limits.maxBytes}-byte limit${what}: not evaluated` });
  }
  if (version.content === null) return { skipped: "content not loaded" };
  if (version.binary || looksBinary(version.content)) return { skipped: "binary content" };
  const text = new TextDecoder("utf-8").decode(version.content);
  if (json) return jsonPatchFile(path, side, text, limits);
  const parsed = parseManifests(path, side, text, limits);
  if (isHelmTemplate(path, text) && parsed.problems.some((p) => p.kind === "parse-error")) {
    return { skipped: "Helm chart template: not YAML until rendered" };
  }
  return { parsed };
}

/**
 * A JSON file as a patch file, or skipped: other JSON (package.json, dashboards) is not a manifest, and neither its
 * objects nor its problems are findings. Only a top-level array can be an operation list, so nothing else is parsed.
 * A file that does not parse but looks like an operation list keeps its problems: Go's JSON decoder accepts what the
 * YAML parser refuses (duplicate keys), so kustomize may still apply it.
 */
function jsonPatchFile(path: string, side: Side, text: string, limits: ManifestLimits): ManifestFileResult {
  const skipped = { skipped: "JSON file that is not a JSON 6902 patch" };
  if (!/^\s*\[/.test(text)) return skipped;
  const parsed = parseManifests(path, side, text, limits);
  const objects = parsed.objects.filter((object) => patchFileOf(object) !== null);
  if (objects.length > 0) return { parsed: { ...parsed, objects, problems: [] } };
  return parsed.problems.length > 0 && /"op"\s*:/.test(text) ? { parsed: { ...parsed, objects: [] } } : skipped;
}

/**
 * A chart's `templates/*.yaml` with `{{ }}` is not YAML until Helm renders it, and Flux never applies it as a
 * manifest. Only consulted when the file fails to parse: a file that parses is evaluated whatever its folder.
 */
function isHelmTemplate(path: string, text: string): boolean {
  return /(?:^|\/)templates\//.test(path) && text.includes("{{");
}

/** Git's own test: a NUL byte in the first 8 KiB. */
function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}
