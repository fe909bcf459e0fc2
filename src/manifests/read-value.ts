import type { NodePath } from "./types.js";

/**
 * Typed reads from untyped YAML values. Manifests are input, not data we control: every read checks the shape and
 * answers "absent" for anything unexpected, so a rule never throws on a malformed object.
 */

/** True for a plain mapping (not null, not a sequence). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The value at `path`, or undefined when any step is missing or of the wrong shape. */
export function valueAt(value: unknown, path: NodePath): unknown {
  let node = value;
  for (const part of path) {
    if (typeof part === "number") {
      if (!Array.isArray(node)) return undefined;
      node = node[part];
    } else {
      if (!isRecord(node) || !Object.hasOwn(node, part)) return undefined;
      node = node[part];
    }
  }
  return node;
}

/** The mapping at `path`, or null. */
export function recordAt(value: unknown, path: NodePath): Record<string, unknown> | null {
  const node = valueAt(value, path);
  return isRecord(node) ? node : null;
}

/** The sequence at `path`, or an empty array. */
export function arrayAt(value: unknown, path: NodePath): unknown[] {
  const node = valueAt(value, path);
  return Array.isArray(node) ? node : [];
}

/** The non-empty string at `path`, or null. */
export function stringAt(value: unknown, path: NodePath): string | null {
  const node = valueAt(value, path);
  return typeof node === "string" && node !== "" ? node : null;
}

/**
 * True for `true`, and for the YAML 1.1 spellings (`yes`, `on`, `y`) some Kubernetes decoders still turn into `true`:
 * a security check errs towards seeing the flag as set.
 */
export function isTruthy(value: unknown): boolean {
  return value === true || (typeof value === "string" && /^(?:y|Y|yes|Yes|YES|on|On|ON|true|True|TRUE)$/.test(value));
}
