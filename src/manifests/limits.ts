import { DEFAULT_MAX_FILE_BYTES } from "../sources/change-set.js";

/**
 * Bounds on what the parser accepts. Manifests are attacker-controlled input evaluated inside the gate: every
 * dimension that can make parsing slow or deep is capped, and crossing a cap is a finding, never a crash.
 */
export interface ManifestLimits {
  /** Bytes per file; larger files are `manifest/too-large` (sources usually stop reading earlier). */
  maxBytes: number;
  /** YAML documents per file. */
  maxDocuments: number;
  /** Nesting levels of any value, counted after aliases are expanded. */
  maxDepth: number;
  /** yaml's `maxAliasCount`: aliases expanded per document before it is treated as an alias bomb. */
  maxAliasCount: number;
  /**
   * Bound on the cheap pre-scan (indentation columns, open flow brackets) run before the YAML parser sees the text:
   * the parser is not safe against tens of thousands of nesting levels, so those never reach it.
   */
  maxNestingEstimate: number;
}

/** The limits used unless a caller overrides them. */
export const DEFAULT_MANIFEST_LIMITS: ManifestLimits = {
  maxBytes: DEFAULT_MAX_FILE_BYTES,
  maxDocuments: 5_000,
  maxDepth: 64,
  maxAliasCount: 100,
  maxNestingEstimate: 1_000,
};
