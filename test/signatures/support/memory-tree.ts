import type { TreeEntry, TreeReader } from "../../../src/sources/change-set.js";

/**
 * An in-memory base tree for key-source tests: the TreeReader boundary with files given as strings, counting reads
 * so tests can prove discovery does not read what it need not.
 */
export class MemoryTree implements TreeReader {
  readonly commit = "0123456789abcdef0123456789abcdef01234567";
  readonly reads: string[] = [];
  private readonly files: Map<string, Uint8Array>;

  constructor(files: Record<string, string | Uint8Array>, private readonly symlinks: Record<string, string> = {}) {
    this.files = new Map(Object.entries(files).map(([p, c]) => [p, typeof c === "string" ? new Uint8Array(Buffer.from(c)) : c]));
  }

  async list(): Promise<TreeEntry[]> {
    const files = [...this.files].map(([path, bytes]): TreeEntry => ({ path, kind: "file", oid: "0".repeat(40), size: bytes.length }));
    const links = Object.entries(this.symlinks).map(([path, target]): TreeEntry => ({ path, kind: "symlink", oid: "0".repeat(40), size: target.length }));
    return [...files, ...links];
  }

  async read(path: string): Promise<Uint8Array | null> {
    this.reads.push(path);
    return this.files.get(path) ?? null;
  }

  async readMany(paths: string[]): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    for (const path of paths) {
      this.reads.push(path);
      const bytes = this.files.get(path);
      if (bytes) out.set(path, bytes);
    }
    return out;
  }
}
