/**
 * The manifest layer's data model: what a changed file parses into, how an object is identified across base and head,
 * and the problems that stop a file from being evaluated.
 */

/** A path into a YAML value: mapping keys and sequence indexes, e.g. `["spec", "template", "spec", "containers", 0]`. */
export type NodePath = ReadonlyArray<string | number>;

/** Which end of the change a file or object comes from. */
export type Side = "base" | "head";

/** One Kubernetes (or kustomize config) object found in a YAML document. */
export interface ManifestObject {
  apiVersion: string;
  /** API group: `""` for the core group (`apiVersion: v1`). */
  group: string;
  version: string;
  kind: string;
  /** `metadata.namespace` as written; null when unset (never defaulted here). */
  namespace: string | null;
  /**
   * `metadata.name` (or `generateName`, or `""`). Kustomize config files have no name: they are named after their
   * directory, which is also what identifies them across base and head.
   */
  name: string;
  /** Repository path of the file (the side's own path: a rename's base side has the old path). */
  path: string;
  /** 0-based index of the YAML document in the file. */
  docIndex: number;
  /** Where the object sits in its document: `[]`, or `["items", i]` for an item of a `kind: List`. */
  root: NodePath;
  /** Identity across base and head: group, kind, namespace, name (see `objectKey`). */
  key: string;
  /** The object as plain JS (aliases and merge keys resolved). */
  value: Record<string, unknown>;
  /**
   * 1-based line of the node at `path` (relative to the object): the line of the mapping key or sequence item. Falls
   * back to the nearest ancestor that exists, so a rule can ask for a field it is about to report as missing.
   */
  lineOf(path: NodePath): number;
  /**
   * 1-based line where the value at `path` starts and whether it is a block scalar (`|` / `>`), whose content lines
   * follow the indicator line one to one: how a rule points into an inline kustomize patch.
   */
  valueLocation(path: NodePath): { line: number; blockScalar: boolean } | null;
  /**
   * The scalar at `path` as written, before YAML typed it: `newTag: 1.10` reads `"1.10"` here where `value` holds the
   * number 1.1. Null when the node is missing or not a scalar.
   */
  scalarSource(path: NodePath): string | null;
}

/** Why a file could not be evaluated; each becomes a `manifest/*` finding. */
export type ProblemKind = "parse-error" | "too-large" | "alias-bomb" | "too-deep" | "submodule";

export interface ParseProblem {
  kind: ProblemKind;
  /** One sentence, with YAML's own line and column for parse errors. */
  message: string;
  /** 1-based line when known. */
  line: number | null;
}

/** One side of one changed file, parsed. */
export interface ParsedFile {
  path: string;
  side: Side;
  objects: ManifestObject[];
  problems: ParseProblem[];
}

/** One object matched across base and head: added (`base` null), deleted (`head` null) or present on both. */
export interface ObjectChange {
  key: string;
  base: ManifestObject | null;
  head: ManifestObject | null;
}
