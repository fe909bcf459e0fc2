import type { Person } from "../engine/decision.js";

/**
 * What a source (local git or the GitHub API) hands to the engine: everything `base..head` changed, with the raw
 * signed payloads. Built by `GitSource` and `GitHubSource` so that the engine cannot tell them apart.
 */
export interface ChangeSet {
  /** The base commit: policy and keys are read from its tree. */
  base: string;
  head: string;
  /** Where head's history meets base; the net change is `mergeBase..head` (what a pull request shows). */
  mergeBase: string;
  /** Every commit in `base..head`, oldest first (parents before children), merges included. */
  commits: SourceCommit[];
  /** The net change `mergeBase..head`, with content at both ends. */
  files: FileChange[];
}

export interface SourceCommit {
  sha: string;
  parents: string[];
  author: Person | null;
  committer: Person | null;
  message: string;
  /** The raw commit object minus its `gpgsig`/`gpgsig-sha256` headers: exactly what the signature covers. */
  payload: Uint8Array;
  /** The armored signature from the `gpgsig` header, or null when unsigned. */
  signature: string | null;
  /**
   * What this commit itself changed: against its parent, or for a merge the paths whose result differs from every
   * parent (what the merge author introduced). Content is loaded only when the source was asked for it.
   */
  files: FileChange[];
}

export type FileStatus = "added" | "modified" | "deleted" | "renamed" | "type-changed";

export interface FileChange {
  path: string;
  /** For a rename: the old path (both sides count for ownership). */
  previousPath: string | null;
  status: FileStatus;
  /** The file before the change (null when added). */
  base: FileVersion | null;
  /** The file after the change (null when deleted). */
  head: FileVersion | null;
}

export type EntryKind = "file" | "symlink" | "submodule";

export interface FileVersion {
  kind: EntryKind;
  /** Git mode, e.g. `100644`, `100755`, `120000`, `160000`. */
  mode: string;
  /** Blob sha (or the submodule's commit sha). */
  oid: string;
  /** Bytes; -1 when unknown (submodule). */
  size: number;
  /**
   * The bytes, when loaded: null for submodules, for files over the source's size limit (`tooLarge`), and for
   * per-commit entries unless the source was asked for commit contents. Symlinks carry their target here.
   */
  content: Uint8Array | null;
  /** Set when the blob exceeds the size limit and was deliberately not read. */
  tooLarge?: boolean;
  /** Set when the content looks binary (a NUL byte in the first 8 KiB). */
  binary?: boolean;
}

/** A read-only view of one tree (the base): where policy, keys and repository-wide facts come from. */
export interface TreeReader {
  /** The commit this tree belongs to. */
  readonly commit: string;
  /** Every blob path in the tree (recursive), with its blob sha and size. Symlinks and submodules included by kind. */
  list(): Promise<TreeEntry[]>;
  /** The bytes of one file, or null when it does not exist. Throws when it exists but cannot be read. */
  read(path: string, options?: ReadOptions): Promise<Uint8Array | null>;
  /** Several files at once (sources batch these); missing paths are absent from the map. */
  readMany(paths: string[], options?: ReadOptions): Promise<Map<string, Uint8Array>>;
}

export interface ReadOptions {
  /** Bytes above which a file is refused (throws); the source's own limit when unset. */
  maxBytes?: number;
}

export interface TreeEntry {
  path: string;
  kind: EntryKind;
  oid: string;
  size: number;
}

/** What a caller asks of a source. */
export interface ChangeSetRequest {
  base: string;
  head: string;
  /** Load file contents on per-commit changes too (image-automation checks need them). */
  commitContents?: boolean;
  /** Only HEAD is needed (`signing.mode: head`): sources may skip listing the other commits. */
  headOnly?: boolean;
  /** The pull request this change is, when there is one: the API source can list its commits and files directly. */
  pullNumber?: number;
}

/** Bytes above which a file is not read; the engine reports `manifest/too-large`. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** What both sources (local git, GitHub API) offer the check pipeline. */
export interface ChangeSetSource {
  changeSet(request: ChangeSetRequest): Promise<ChangeSet>;
  /** The tree of a commit: the base's, for policy and keys. */
  tree(ref: string): TreeReader;
}
