import { CatFileProcess, type CatFileReply } from "./cat-file-process.js";
import type { GitContext } from "./git-context.js";

/** What `--batch-check` tells about an object without reading it. */
export interface ObjectInfo {
  oid: string;
  type: string;
  size: number;
}

/**
 * Reads objects through two long-lived cat-file processes, each started on first use: `--batch-check` answers
 * type and size without touching the content (so an oversized blob is never read), `--batch` returns the bytes.
 */
export class ObjectReader {
  readonly #check: CatFileProcess;
  readonly #batch: CatFileProcess;

  constructor(ctx: GitContext) {
    this.#check = new CatFileProcess(ctx, "--batch-check");
    this.#batch = new CatFileProcess(ctx, "--batch");
  }

  /** Type and size, or null when the object is not in the repository. */
  async info(oid: string): Promise<ObjectInfo | null> {
    const reply = await this.#check.request(oid);
    return reply && { oid: reply.oid, type: reply.type, size: reply.size };
  }

  /** Type, size and bytes, or null when the object is not in the repository. Check the size first for blobs. */
  read(oid: string): Promise<CatFileReply | null> {
    return this.#batch.request(oid);
  }

  close(): Promise<void> {
    return Promise.all([this.#check.close(), this.#batch.close()]).then(() => undefined);
  }
}
