import { documentObjects } from "./document-objects.js";
import { DEFAULT_MANIFEST_LIMITS, type ManifestLimits } from "./limits.js";
import { parseYamlDocuments } from "./parse-yaml-documents.js";
import type { ParsedFile, Side } from "./types.js";

/**
 * Parses one side of one file (multi-document YAML) into manifest objects with line lookups. Never throws on input:
 * problems are returned on the file, next to the objects of the documents that did parse.
 */
export function parseManifests(path: string, side: Side, text: string, limits: ManifestLimits = DEFAULT_MANIFEST_LIMITS): ParsedFile {
  const { documents, problems } = parseYamlDocuments(text, limits);
  const objects = documents.flatMap((doc) => documentObjects(doc.value, path, doc.index, doc.locate));
  return { path, side, objects, problems };
}
