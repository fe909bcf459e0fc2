import type { FileVersion } from "../sources/change-set.js";
import { isKustomizeConfigFile } from "./is-kustomize-config-file.js";
import { DEFAULT_MANIFEST_LIMITS, type ManifestLimits } from "./limits.js";
import { parseManifests } from "./parse-manifests.js";
import type { ParsedFile, Side } from "./types.js";

/** A side of a file either parses (possibly with problems) or is skipped for a stated reason. */
export type ManifestFileResult = { parsed: ParsedFile } | { skipped: string };

/** True for the files the manifest layer evaluates: `.yaml`/`.yml`, and kustomize's extension-less `Kustomization`. */
export function isManifestPath(path: string): boolean {
  return /\.ya?ml$/i.test(path) || isKustomizeConfigFile(path);
}

/**
 * Turns one side of a changed file into parsed manifests, or says why it is not evaluated. A submodule or an
 * oversized file is a problem (its content is unknown, so the gate fails closed); binary and non-YAML files are only
 * skipped (Flux does not apply them as manifests).
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
  if (!isManifestPath(path)) return { skipped: "not a YAML file" };
  const size = version.content?.length ?? version.size;
  if (version.tooLarge || size > limits.maxBytes) {
    return file({ kind: "too-large", line: null, message: `is ${size} bytes, over the ${limits.maxBytes}-byte limit: not evaluated` });
  }
  if (version.content === null) return { skipped: "content not loaded" };
  if (version.binary || looksBinary(version.content)) return { skipped: "binary content" };
  const text = new TextDecoder("utf-8").decode(version.content);
  const parsed = parseManifests(path, side, text, limits);
  if (isHelmTemplate(path, text) && parsed.problems.some((p) => p.kind === "parse-error")) {
    return { skipped: "Helm chart template: not YAML until rendered" };
  }
  return { parsed };
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
