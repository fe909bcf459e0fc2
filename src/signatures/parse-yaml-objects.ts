import { parseAllDocuments } from "yaml";
import { estimateNesting } from "../manifests/estimate-nesting.js";
import { DEFAULT_MANIFEST_LIMITS } from "../manifests/limits.js";

/** The top-level mappings of a YAML stream, or why it could not be read. */
export interface YamlObjects {
  /** Each document that is a mapping, as a plain object (other documents — lists, scalars, empty — are dropped). */
  objects: Array<Record<string, unknown>>;
  /** Set when the stream could not be read safely; `objects` then holds nothing. */
  error: string | null;
}

/**
 * Parses a (multi-document) YAML file defensively for key discovery: any syntax error, and any alias at all
 * (`maxAliasCount: 0`: a billion-laughs file in a pull request must not stall the gate, and no key manifest needs
 * one), makes the whole file unreadable rather than half-read. Never throws.
 */
export function parseYamlObjects(text: string): YamlObjects {
  // Checked before the parser sees the text: tens of thousands of nesting levels exhaust its memory, uncatchably.
  if (estimateNesting(text) > DEFAULT_MANIFEST_LIMITS.maxNestingEstimate) return { objects: [], error: "nests far too deeply: not parsed" };
  try {
    const objects: Array<Record<string, unknown>> = [];
    for (const doc of parseAllDocuments(text, { prettyErrors: false })) {
      const first = doc.errors[0];
      if (first) return { objects: [], error: first.message };
      const value: unknown = doc.toJS({ maxAliasCount: 0 });
      const object = asRecord(value);
      if (object) objects.push(object);
    }
    return { objects, error: null };
  } catch (error) {
    return { objects: [], error: error instanceof Error ? error.message : String(error) };
  }
}

/** The value as a plain string-keyed object, or null when it is not a mapping. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
