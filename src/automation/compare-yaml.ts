import { isMap, LineCounter, parseAllDocuments, type Document, type Node } from "yaml";
import type { ObjectRef } from "../engine/decision.js";
import { estimateNesting } from "../manifests/estimate-nesting.js";
import { DEFAULT_MANIFEST_LIMITS } from "../manifests/limits.js";
import { compareNodes, type Difference, type MarkedChange, type NodeComparison, type Side } from "./compare-nodes.js";

export type { Difference, MarkedChange } from "./compare-nodes.js";

export type YamlComparison =
  | { marked: MarkedChange[]; differences: Difference[] }
  /** One side could not be read as YAML within the parser's limits: nothing can be shown to be an image update. */
  | { unreadable: string };

/**
 * Compares the base and head text of one YAML file as documents, not lines: the two must be the same documents
 * except for scalar values under an unchanged image-policy setter marker. Never throws on input.
 */
export function compareYaml(baseText: string, headText: string): YamlComparison {
  const base = parseSide(baseText, "base");
  if ("unreadable" in base) return base;
  const head = parseSide(headText, "head");
  if ("unreadable" in head) return head;
  const marked: MarkedChange[] = [];
  const differences: Difference[] = [];
  if (base.docs.length !== head.docs.length) {
    differences.push({ line: null, field: "(file)", message: `the file has ${base.docs.length} YAML documents at the base and ${head.docs.length} now`, object: null });
  }
  const common = Math.min(base.docs.length, head.docs.length);
  for (let i = 0; i < common; i++) {
    const [before, after] = [base.docs[i]!, head.docs[i]!];
    const object = objectRef(after) ?? objectRef(before);
    if (before.directives?.yaml.version !== after.directives?.yaml.version) {
      differences.push({ line: null, field: "(document)", message: `document ${i + 1} changes its %YAML version directive`, object });
    }
    const cmp: NodeComparison = { base: base.side, head: head.side, object, marked, differences };
    compareNodes(cmp, asNode(before.contents), asNode(after.contents), "", null);
  }
  return { marked, differences };
}

interface ParsedSide {
  side: Side;
  docs: Document.Parsed[];
}

function parseSide(text: string, which: "base" | "head"): ParsedSide | { unreadable: string } {
  const limits = DEFAULT_MANIFEST_LIMITS;
  // The same guard the manifest parser has: the yaml parser must never see tens of thousands of nesting levels.
  if (estimateNesting(text) > limits.maxNestingEstimate) return { unreadable: `nests too deeply at the ${which} to be compared` };
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const docs = Array.isArray(parsed) ? parsed : [];
  if (docs.length > limits.maxDocuments) return { unreadable: `has more than ${limits.maxDocuments} YAML documents at the ${which}` };
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const { line } = lines.linePos(error.pos[0]);
      return { unreadable: `does not parse as YAML at the ${which} (line ${line}: ${error.message.split("\n")[0]})` };
    }
  }
  return { side: { text, lines }, docs };
}

/** The Kubernetes object a document holds, read from the syntax tree (no alias expansion). */
function objectRef(doc: Document.Parsed): ObjectRef | null {
  if (!isMap(doc.contents)) return null;
  const text = (path: string[]) => {
    const value: unknown = doc.getIn(path);
    return typeof value === "string" ? value : null;
  };
  const apiVersion = text(["apiVersion"]);
  const kind = text(["kind"]);
  if (!apiVersion || !kind) return null;
  return { apiVersion, kind, namespace: text(["metadata", "namespace"]), name: text(["metadata", "name"]) ?? "" };
}

function asNode(value: unknown): Node | null {
  return value === null || value === undefined ? null : (value as Node);
}
