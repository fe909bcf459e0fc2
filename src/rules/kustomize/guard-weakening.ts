import { isRecord } from "../../manifests/read-value.js";
import { GUARD_FIELDS, pathMatches, removes, type GuardField } from "./guard-patch-fields.js";
import type { PatchOperation } from "./patch-operations.js";

/**
 * What `op` does to the first guard field (of a target of `group`/`kind`; null = unknown, every field) it weakens,
 * as a clause for a message, or null:
 * - a removal of the field, one of its parents, or (subtree fields) part of it;
 * - an assignment of a weaker value;
 * - a JSON 6902 `replace` of a parent with a value that holds no such field (the parent is replaced whole);
 * - a `copy`/`move` onto the field, a parent, or (subtree fields) part of it: the value comes from the target, so it
 *   cannot be judged, and is reported conservatively, as a possible weakening.
 */
export function guardWeakening(op: PatchOperation, group: string | null, kind: string | null): string | null {
  const path = display(op.path);
  for (const field of GUARD_FIELDS) {
    if (!field.applies(group, kind)) continue;
    if (op.op === "remove") {
      if (field.removed && removes(field, op.path)) return `removes ${path}: ${field.removed}`;
      continue;
    }
    if (op.copiedFrom) {
      // `removes` is "the write reaches the field": at it, above it, or inside a subtree field.
      if ((field.removed || field.weakened) && removes(field, op.path)) {
        return `writes the target's ${display(op.copiedFrom)} into ${path}: the value is not in the patch, so ${display(field.path)} may end up weakened`;
      }
      continue;
    }
    if (field.weakened && pathMatches(field.path, op.path)) {
      const how = field.weakened(op.value, op.replaces);
      if (how) return `sets ${path} to ${show(op.value)}: ${how}`;
    }
    if (drops(field, op)) return `replaces ${path} with a value that has no ${display(field.path)}: ${field.removed}`;
  }
  return null;
}

/**
 * True when a JSON 6902 `replace` of a parent of `field` puts in a value that holds no such field. Only a `replace`
 * counts (the parent certainly existed, so something is replaced); below a list (`*`), the field counts as kept when
 * any new item has it, since which items the list held before is not known from the patch.
 */
function drops(field: GuardField, op: PatchOperation): boolean {
  if (!field.removed || !op.wholesale || !op.replaces || op.path.length >= field.path.length) return false;
  return pathMatches(field.path.slice(0, op.path.length), op.path) && !holds(op.value, field.path.slice(op.path.length));
}

/** True when `value` has a node at `rest` (`*` matching any item of a list). */
function holds(value: unknown, rest: readonly string[]): boolean {
  const [part, ...below] = rest;
  if (part === undefined) return true;
  if (part === "*") return Array.isArray(value) && value.some((item) => holds(item, below));
  return isRecord(value) && Object.hasOwn(value, part) && holds(value[part], below);
}

/** `spec.rules[0].validate`: a path as messages write it. */
function display(path: readonly string[]): string {
  return path.map((part) => (/^(?:\d+|-|\*)$/.test(part) ? `[${part}]` : `.${part}`)).join("").replace(/^\./, "");
}

/** A short rendering of a patch value for a message. */
function show(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
