import { Composer, LineCounter, Parser, type Document } from "yaml";
import { createLocator, type Locator } from "./create-locator.js";
import type { NodePath } from "./types.js";

/** The text a document came from: the key under which its re-parsed AST is cached. */
export interface YamlSource {
  readonly text: string;
}

interface Parsed {
  docs: Document.Parsed[];
  lines: LineCounter;
}

/** Re-parsed texts kept at once: rules ask for lines object after object, so neighbours share one parse. */
const CACHE_SIZE = 8;
const cache = new Map<YamlSource, Parsed>();

/**
 * A locator that holds no YAML AST. Every changed file is parsed into plain values for the rules, but only the few
 * objects a rule reports on need a line: keeping every document's AST alive until then cost ~200 MB on a
 * 3,000-file change. The text is parsed again (deterministically, with the same options) when a line is first asked
 * for, and the most recent parses are reused.
 */
export function lazyLocator(source: YamlSource, index: number, root: NodePath): Locator {
  let locator: Locator | null = null;
  const get = (): Locator => (locator ??= createLocator(documentAt(source, index), parsedOf(source).lines, root));
  return {
    lineOf: (path) => get().lineOf(path),
    valueLocation: (path) => get().valueLocation(path),
    scalarSource: (path) => get().scalarSource(path),
  };
}

/** The composer options every parse of manifest text uses: the first parse and the re-parse must agree. */
export function manifestComposer(): Composer {
  return new Composer({ merge: true, uniqueKeys: true, prettyErrors: false });
}

function documentAt(source: YamlSource, index: number): Document.Parsed {
  const doc = parsedOf(source).docs[index];
  if (!doc) throw new Error(`YAML document ${index} vanished on re-parse`);
  return doc;
}

function parsedOf(source: YamlSource): Parsed {
  const hit = cache.get(source);
  if (hit) {
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const lines = new LineCounter();
  const docs = [...manifestComposer().compose(new Parser(lines.addNewLine).parse(source.text))];
  const parsed = { docs, lines };
  cache.set(source, parsed);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return parsed;
}
