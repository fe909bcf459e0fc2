import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from "yaml";
import type { NodePath } from "./types.js";

/** Line lookups for one object inside a parsed YAML document (see `ManifestObject.lineOf`). */
export interface Locator {
  lineOf(path: NodePath): number;
  valueLocation(path: NodePath): { line: number; blockScalar: boolean } | null;
  scalarSource(path: NodePath): string | null;
}

/**
 * Builds the line lookups of the object at `root` in `doc`. Walks the YAML AST (not the JS value), so the line is
 * that of the key as written; aliases and `<<` merge keys are followed to where the value is actually written.
 */
export function createLocator(doc: Document.Parsed, lines: LineCounter, root: NodePath): Locator {
  const lineAt = (offset: number) => lines.linePos(offset).line;
  const start = doc.contents?.range[0] ?? doc.range[0];

  const resolve = (path: NodePath): { line: number; node: Node | null } => {
    let node: unknown = doc.contents;
    let line = lineAt(start);
    for (const part of [...root, ...path]) {
      node = deref(doc, node);
      if (isMap(node)) {
        const pair = findPair(doc, node.items as Pair[], String(part));
        if (!pair) return { line, node: null };
        const range = (pair.key as Node | null)?.range;
        if (range) line = lineAt(range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof part === "number") {
        const item = node.items[part] as Node | undefined;
        if (!item) return { line, node: null };
        if (item.range) line = lineAt(item.range[0]);
        node = item;
      } else {
        return { line, node: null };
      }
    }
    return { line, node: (node as Node | null) ?? null };
  };

  return {
    lineOf: (path) => resolve(path).line,
    valueLocation: (path) => {
      const node = deref(doc, resolve(path).node);
      if (!node?.range) return null;
      const blockScalar = isScalar(node) && (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED");
      return { line: lineAt(node.range[0]), blockScalar };
    },
    scalarSource: (path) => {
      const node = deref(doc, resolve(path).node);
      if (!isScalar(node)) return null;
      // `source` is the scalar's text before the YAML 1.2 core schema typed it (`1.10`, not the number 1.1).
      return node.source ?? (typeof node.value === "string" ? node.value : null);
    },
  };
}

function deref(doc: Document.Parsed, node: unknown): Node | null {
  // Aliases resolve to their anchor, which points back at an earlier node: at most one hop each, never a loop.
  return isAlias(node) ? ((node.resolve(doc) as Node | undefined) ?? null) : ((node as Node | null) ?? null);
}

/** The pair for `key`, looking through `<<` merge keys the way Kubernetes' decoder merges them (own keys win). */
function findPair(doc: Document.Parsed, items: Pair[], key: string): Pair | null {
  const own = items.find((pair) => keyText(pair.key) === key);
  if (own) return own;
  for (const pair of items) {
    if (keyText(pair.key) !== "<<") continue;
    const value = deref(doc, pair.value);
    const sources = isSeq(value) ? value.items.map((item) => deref(doc, item)) : [value];
    for (const source of sources) {
      if (!isMap(source)) continue;
      const found = source.items.find((p) => keyText(p.key) === key) as Pair | undefined;
      if (found) return found;
    }
  }
  return null;
}

function keyText(key: unknown): string | null {
  // yaml represents a `<<` merge key by a symbol; its source text is what the path names.
  if (isScalar(key)) return typeof key.value === "symbol" ? (key.source ?? "<<") : String(key.value);
  return typeof key === "string" ? key : null;
}
