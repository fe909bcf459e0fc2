import type { FileStatus } from "../change-set.js";
import { GitSourceError } from "./git-source-error.js";
import { kindOfMode } from "./kind-of-mode.js";

/** One side of a raw diff entry: mode and object id, before contents are looked up. */
export interface RawSide {
  mode: string;
  oid: string;
}

/** A changed path as `git diff-tree --raw -z` reports it. */
export interface RawChange {
  path: string;
  previousPath: string | null;
  status: FileStatus;
  base: RawSide | null;
  head: RawSide | null;
}

const NO_MODE = "000000";

/**
 * Parses `git diff-tree -z --raw` output record by record (NUL-separated, so any path is safe without unquoting).
 * Records are: a commit id (with `--stdin`), or an entry `:<modes> <oids> <status>` followed by its paths. Combined
 * entries for merges (`-c --combined-all-paths`) start with one colon per parent and carry one path per parent plus
 * the result's path; they are described against the FIRST parent, the branch the merge was made on.
 */
export class RawDiffParser {
  #entry: { parents: number; modes: string[]; oids: string[]; status: string; paths: number } | null = null;
  #paths: string[] = [];

  constructor(
    private readonly onChange: (change: RawChange) => void,
    private readonly onCommit: (sha: string) => void = (sha) => {
      throw new GitSourceError(`unexpected commit header ${sha} in git diff-tree output`);
    },
  ) {}

  /** Feeds one NUL-terminated record (without its NUL). */
  push(record: Buffer): void {
    const entry = this.#entry;
    if (entry) {
      this.#paths.push(record.toString("utf8"));
      if (this.#paths.length === entry.paths) {
        this.#entry = null;
        this.onChange(entry.parents === 1 ? ordinary(entry, this.#paths) : combined(entry, this.#paths));
        this.#paths = [];
      }
      return;
    }
    const text = record.toString("latin1");
    if (!text.startsWith(":")) return this.onCommit(text);
    const parents = /^:+/.exec(text)?.[0].length ?? 1;
    const fields = text.slice(parents).split(" ");
    const status = fields[2 * (parents + 1)] ?? "";
    if (fields.length !== 2 * (parents + 1) + 1) throw new GitSourceError(`unexpected git diff-tree entry: ${text}`);
    const renamed = parents === 1 && /^[RC]/.test(status);
    this.#entry = {
      parents,
      modes: fields.slice(0, parents + 1),
      oids: fields.slice(parents + 1, 2 * (parents + 1)),
      status,
      paths: parents === 1 ? (renamed ? 2 : 1) : parents + 1,
    };
  }

  /** Throws when the output ended in the middle of an entry (git died or the stream was cut). */
  end(): void {
    if (this.#entry) throw new GitSourceError("git diff-tree output ended in the middle of an entry");
  }
}

type Entry = { parents: number; modes: string[]; oids: string[]; status: string };

function side(entry: Entry, index: number): RawSide | null {
  const mode = entry.modes[index] ?? NO_MODE;
  return mode === NO_MODE ? null : { mode, oid: entry.oids[index] ?? "" };
}

function ordinary(entry: Entry, paths: string[]): RawChange {
  const [first = "", second] = paths;
  const base = side(entry, 0);
  const head = side(entry, 1);
  switch (entry.status[0]) {
    case "A":
      return { path: first, previousPath: null, status: "added", base: null, head };
    case "D":
      return { path: first, previousPath: null, status: "deleted", base, head: null };
    case "M":
      return { path: first, previousPath: null, status: "modified", base, head };
    case "T":
      return { path: first, previousPath: null, status: "type-changed", base, head };
    case "R":
      return { path: second ?? first, previousPath: first, status: "renamed", base, head };
    case "C":
      // A copy leaves its source in place: for ownership and review the new path is simply an addition.
      return { path: second ?? first, previousPath: null, status: "added", base: null, head };
    default:
      throw new GitSourceError(`unexpected git diff-tree status ${entry.status} for ${first}`);
  }
}

function combined(entry: Entry, paths: string[]): RawChange {
  const path = paths[paths.length - 1] ?? "";
  const firstParentPath = paths[0] ?? path;
  const base = side(entry, 0);
  const head = side(entry, entry.parents);
  if (!head) return { path: firstParentPath, previousPath: null, status: "deleted", base, head: null };
  if (!base) return { path, previousPath: null, status: "added", base: null, head };
  if (entry.status[0] === "R" && firstParentPath !== path) {
    return { path, previousPath: firstParentPath, status: "renamed", base, head };
  }
  const status = kindOfMode(base.mode) === kindOfMode(head.mode) ? "modified" : "type-changed";
  return { path, previousPath: null, status, base, head };
}
