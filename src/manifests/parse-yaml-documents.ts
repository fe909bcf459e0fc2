import { LineCounter, Parser, type Document } from "yaml";
import type { Locator } from "./create-locator.js";
import { lazyLocator, manifestComposer, type YamlSource } from "./lazy-locator.js";
import { estimateNesting } from "./estimate-nesting.js";
import type { ManifestLimits } from "./limits.js";
import { measureDepth } from "./measure-depth.js";
import type { NodePath, ParseProblem } from "./types.js";

/** One YAML document that parsed within the limits. */
export interface YamlDocument {
  index: number;
  /** The document as plain JS (aliases and `<<` merge keys resolved the way Kubernetes' decoder resolves them). */
  value: unknown;
  /** Line lookups for the node at `root` in this document. */
  locate(root: NodePath): Locator;
}

/**
 * Parses multi-document YAML within `limits`. Never throws on input: what cannot be read (errors, alias bombs,
 * excessive nesting or document count) becomes a problem, and the documents that did parse are still returned.
 */
export function parseYamlDocuments(text: string, limits: ManifestLimits): { documents: YamlDocument[]; problems: ParseProblem[] } {
  const documents: YamlDocument[] = [];
  const problems: ParseProblem[] = [];
  if (estimateNesting(text) > limits.maxNestingEstimate) {
    problems.push({ kind: "too-deep", line: null, message: `nests far deeper than ${limits.maxDepth} levels: not parsed` });
    return { documents, problems };
  }
  const lines = new LineCounter();
  const composer = manifestComposer();
  const source: YamlSource = { text };
  let index = 0;
  // Documents are composed one at a time, so a file with too many stops costing anything at the limit.
  for (const doc of composer.compose(new Parser(lines.addNewLine).parse(text))) {
    if (index === limits.maxDocuments) {
      problems.push({
        kind: "too-large",
        line: lines.linePos(doc.range[0]).line,
        message: `has more than ${limits.maxDocuments} YAML documents: not evaluated past this one`,
      });
      break;
    }
    const read = readDocument(doc, lines, limits);
    if ("problem" in read) problems.push(read.problem);
    else {
      const at = index; // `index` moves on; the locator needs this document's
      documents.push({ index: at, value: read.value, locate: (root) => lazyLocator(source, at, root) });
    }
    index++;
  }
  return { documents, problems };
}

function readDocument(doc: Document.Parsed, lines: LineCounter, limits: ManifestLimits): { value: unknown } | { problem: ParseProblem } {
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lines.linePos(error.pos[0]);
    const reason = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    return { problem: { kind: "parse-error", line, message: `has a YAML error at line ${line}, column ${col}: ${reason}` } };
  }
  const line = lines.linePos(doc.range[0]).line;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    if (/alias count/i.test(message)) {
      return { problem: { kind: "alias-bomb", line, message: `expands more than ${limits.maxAliasCount} aliases (an alias bomb): not evaluated` } };
    }
    if (thrown instanceof RangeError) {
      return { problem: { kind: "too-deep", line, message: `nests deeper than ${limits.maxDepth} levels once aliases are expanded: not evaluated` } };
    }
    return { problem: { kind: "parse-error", line, message: `has a YAML error: ${message}` } };
  }
  const depth = measureDepth(value, limits.maxDepth);
  if (depth === "cycle") {
    return { problem: { kind: "parse-error", line, message: "has a recursive alias (an alias inside the node it refers to), which Kubernetes refuses" } };
  }
  if (depth > limits.maxDepth) return { problem: { kind: "too-deep", line, message: `nests deeper than ${limits.maxDepth} levels: not evaluated` } };
  return { value };
}
