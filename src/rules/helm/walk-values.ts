import { isRecord } from "../../manifests/read-value.js";
import type { NodePath } from "../../manifests/types.js";

/**
 * Calls `visit` on every mapping of a values tree, the root included, with its path. Depth is already bounded by the
 * parser's limits (`maxDepth`), and every node is visited once, so the walk is linear in the size of the values.
 */
export function walkValues(values: unknown, visit: (mapping: Record<string, unknown>, path: NodePath) => void, path: NodePath = []): void {
  if (Array.isArray(values)) {
    values.forEach((item, i) => walkValues(item, visit, [...path, i]));
  } else if (isRecord(values)) {
    visit(values, path);
    for (const [key, value] of Object.entries(values)) walkValues(value, visit, [...path, key]);
  }
}
