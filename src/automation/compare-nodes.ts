import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import type { ObjectRef } from "../engine/decision.js";
import { parseSetterMarker, type SetterMarker } from "./setter-marker.js";

/** A scalar whose value changed on a line carrying an image-policy setter marker (the same marker on both sides). */
export interface MarkedChange {
  marker: SetterMarker;
  before: string;
  after: string;
  /** 1-based line at head. */
  line: number;
  /** Where in the document, e.g. `spec.template.spec.containers[0].image`. */
  field: string;
  object: ObjectRef | null;
}

/** Anything else that differs between the two sides: never something the controller writes. */
export interface Difference {
  line: number | null;
  field: string;
  message: string;
  object: ObjectRef | null;
}

/** One side of the comparison: its text (for comment positions) and line counter. */
export interface Side {
  text: string;
  lines: LineCounter;
}

export interface NodeComparison {
  base: Side;
  head: Side;
  object: ObjectRef | null;
  marked: MarkedChange[];
  differences: Difference[];
}

/**
 * Walks base and head of one YAML document in step and records every difference. Only a scalar's value may differ,
 * and only under the same setter marker on both sides; shape, keys, items, tags, anchors, aliases and markers must
 * match. Formatting (indentation, flow or block style) and ordinary comments are ignored: the controller rewrites
 * files through kyaml, which may reformat them.
 */
export function compareNodes(cmp: NodeComparison, base: Node | null, head: Node | null, field: string, parentLine: number | null): void {
  const line = lineOf(cmp.head, head) ?? parentLine;
  const differ = (message: string): void => {
    cmp.differences.push({ line, field: field || "(document)", message, object: cmp.object });
  };
  if (base === null || head === null) {
    if (base !== head) differ(`${label(field)} ${base === null ? "was added" : "was removed"}`);
    return;
  }
  if (kindOf(base) !== kindOf(head)) return differ(`${label(field)} changed from ${describe(base)} to ${describe(head)}`);
  if (base.tag !== head.tag) return differ(`the explicit YAML tag of ${label(field)} changed from ${base.tag ?? "none"} to ${head.tag ?? "none"}`);
  if (base.anchor !== head.anchor) return differ(`the anchor on ${label(field)} changed from ${base.anchor ?? "none"} to ${head.anchor ?? "none"}`);
  if (isAlias(base) && isAlias(head)) {
    if (base.source !== head.source) differ(`${label(field)} now refers to anchor *${head.source} instead of *${base.source}`);
  } else if (isScalar(base) && isScalar(head)) {
    compareScalars(cmp, base, head, field, line, differ);
  } else if (isMap(base) && isMap(head)) {
    compareMaps(cmp, base, head, field, line, differ);
  } else if (isSeq(base) && isSeq(head)) {
    if (base.items.length !== head.items.length) differ(`${label(field)} has ${base.items.length} items at the base and ${head.items.length} now`);
    const common = Math.min(base.items.length, head.items.length);
    for (let i = 0; i < common; i++) compareNodes(cmp, item(base, i), item(head, i), `${field}[${i}]`, line);
  }
}

function compareScalars(cmp: NodeComparison, base: Scalar, head: Scalar, field: string, line: number | null, differ: (m: string) => void): void {
  const before = markerOf(base, cmp.base);
  const after = markerOf(head, cmp.head);
  if ((before?.setter ?? null) !== (after?.setter ?? null)) {
    if (!before) return differ(`a setter marker ${quote(after!.setter)} was added to ${label(field)}`);
    if (!after) return differ(`the setter marker ${quote(before.setter)} was removed from ${label(field)}`);
    return differ(`the setter marker on ${label(field)} changed from ${quote(before.setter)} to ${quote(after.setter)}`);
  }
  if (sameScalar(base, head)) return;
  if (before) {
    cmp.marked.push({ marker: before, before: textOf(base), after: textOf(head), line: line ?? 0, field, object: cmp.object });
    return;
  }
  if (textOf(base) === textOf(head)) return differ(`${label(field)} changed from ${style(base)} to ${style(head)} ${show(head)}, which YAML may type differently`);
  differ(`${label(field)} changed from ${show(base)} to ${show(head)} on a line without an image-policy setter marker`);
}

function compareMaps(cmp: NodeComparison, base: YAMLMap, head: YAMLMap, field: string, line: number | null, differ: (m: string) => void): void {
  const baseKeys = keyed(base);
  const headKeys = keyed(head);
  if (!baseKeys || !headKeys) return differ(`${label(field)} uses a complex mapping key, which is not compared: refused`);
  for (const [key, pair] of baseKeys) {
    const other = headKeys.get(key);
    if (!other) differ(`${label(join(field, pair.name))} was removed`);
    else compareNodes(cmp, pair.value, other.value, join(field, pair.name), line);
  }
  for (const [key, pair] of headKeys) {
    if (!baseKeys.has(key)) cmp.differences.push({ line: lineOf(cmp.head, pair.keyNode) ?? line, field: join(field, pair.name), message: `${label(join(field, pair.name))} was added`, object: cmp.object });
  }
}

interface KeyedPair {
  name: string;
  keyNode: Node;
  value: Node | null;
}

/** The pairs by key identity (a plain key by its text, a quoted one by its value), or null for a non-scalar key. */
function keyed(map: YAMLMap): Map<string, KeyedPair> | null {
  const out = new Map<string, KeyedPair>();
  for (const pair of map.items) {
    const key = pair.key as Node | null;
    if (!isScalar(key)) return null;
    const name = textOf(key);
    out.set(`${key.type === "PLAIN" ? "p" : "q"}:${name}`, { name, keyNode: key, value: asNode(pair.value) });
  }
  return out;
}

/**
 * Equal as Kubernetes would read them. Plain scalars compare by their text, since YAML 1.1 and 1.2 type plain text
 * differently (`yes`, `010`); quoted and block scalars are always strings and compare by value.
 */
function sameScalar(a: Scalar, b: Scalar): boolean {
  const plain = (s: Scalar) => s.type === "PLAIN" || s.type === undefined;
  if (plain(a) !== plain(b)) return false;
  return plain(a) ? textOf(a) === textOf(b) : a.value === b.value;
}

/** The marker on the scalar's own line: a comment after the value on that line, or on a block scalar's header line. */
function markerOf(scalar: Scalar, side: Side): SetterMarker | null {
  const range = scalar.range;
  if (!scalar.comment || !range) return null;
  const block = scalar.type === "BLOCK_LITERAL" || scalar.type === "BLOCK_FOLDED";
  const from = block ? range[0] : range[1];
  const lineEnd = side.text.indexOf("\n", from);
  const rest = side.text.slice(from, lineEnd === -1 ? undefined : lineEnd);
  return rest.includes("#") ? parseSetterMarker(scalar.comment) : null;
}

function textOf(scalar: Scalar): string {
  return typeof scalar.source === "string" ? scalar.source : String(scalar.value);
}

function show(scalar: Scalar): string {
  const text = textOf(scalar);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

function style(scalar: Scalar): string {
  return scalar.type === "PLAIN" || scalar.type === undefined ? "plain" : scalar.type.startsWith("QUOTE") ? "quoted" : "block";
}

function describe(node: Node): string {
  if (isScalar(node)) return `the value ${show(node)}`;
  return isMap(node) ? "a mapping" : isSeq(node) ? "a list" : `an alias (*${(node as { source?: string }).source})`;
}

function kindOf(node: Node): string {
  return isScalar(node) ? "scalar" : isMap(node) ? "map" : isSeq(node) ? "seq" : "alias";
}

function item(seq: YAMLSeq, i: number): Node | null {
  return asNode(seq.items[i]);
}

function asNode(value: unknown): Node | null {
  return value === null || value === undefined ? null : (value as Node);
}

function lineOf(side: Side, node: Node | null): number | null {
  return node?.range ? side.lines.linePos(node.range[0]).line : null;
}

function join(field: string, key: string): string {
  const part = /^[A-Za-z0-9_$-]+$/.test(key) ? key : JSON.stringify(key);
  return field ? `${field}.${part}` : part;
}

function label(field: string): string {
  return field ? `\`${field}\`` : "the document";
}

function quote(setter: string): string {
  return `"${setter}"`;
}
