import type { ChildProcess } from "node:child_process";
import type { GitContext } from "./git-context.js";
import { spawnFailure } from "./git-failure.js";
import { GitSourceError } from "./git-source-error.js";
import { spawnGit } from "./run-git.js";

/** One object as `git cat-file` describes it; `content` is null in `--batch-check` mode. */
export interface CatFileReply {
  oid: string;
  type: string;
  size: number;
  content: Buffer | null;
}

interface Pending {
  resolve(reply: CatFileReply | null): void;
  reject(error: Error): void;
}

/**
 * A long-lived `git cat-file --batch` (or `--batch-check`) process. Requests are pipelined: every request is written
 * at once and the replies, which git sends in request order, are matched to a FIFO queue — thousands of objects cost
 * one process, not thousands. If git dies, every pending and later request rejects with git's reason.
 */
export class CatFileProcess {
  #child: ChildProcess | null = null;
  #queue: Pending[] = [];
  #chunks: Buffer[] = [];
  #buffered = 0;
  #header: { oid: string; type: string; size: number } | null = null;
  #stderr = "";
  #failure: Error | null = null;
  #closing: Promise<void> | null = null;

  constructor(
    private readonly ctx: GitContext,
    private readonly mode: "--batch" | "--batch-check",
  ) {}

  /** The object named by `oid` (a full object id), or null when the repository does not have it. */
  request(oid: string): Promise<CatFileReply | null> {
    if (this.#closing) return Promise.reject(new GitSourceError("the git source is closed: create a new one"));
    if (this.#failure) return Promise.reject(this.#failure);
    // One object name per line: a newline inside a name would desynchronise the protocol.
    if (/[\n\r]/.test(oid) || oid === "") return Promise.reject(new GitSourceError(`invalid object name ${JSON.stringify(oid)}`));
    const child = this.#child ?? this.#start();
    return new Promise((resolve, reject) => {
      this.#queue.push({ resolve, reject });
      this.#setRef(child, true);
      child.stdin?.write(`${oid}\n`);
    });
  }

  /** Ends the process (closing stdin lets git exit on its own; a stuck git is killed after a grace period). */
  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    const child = this.#child;
    this.#closing = new Promise((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
      child.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      child.stdin?.end();
    });
    return this.#closing;
  }

  #start(): ChildProcess {
    const child = spawnGit(this.ctx, ["cat-file", this.mode]);
    this.#child = child;
    child.on("error", (error) => this.#fail(spawnFailure(this.ctx, error)));
    child.stdin?.on("error", () => undefined); // reported through "close" below
    child.stderr?.on("data", (chunk: Buffer) => {
      if (this.#stderr.length < 16 * 1024) this.#stderr += chunk.toString("utf8");
    });
    child.stdout?.on("data", (chunk: Buffer) => this.#receive(chunk));
    child.on("close", (code, signal) => {
      const how = code === null ? `killed by ${signal}` : `exit ${code}`;
      const said = this.#stderr.trim();
      this.#fail(
        this.#closing
          ? new GitSourceError("the git source was closed while objects were still being read")
          : new GitSourceError(
              `git cat-file ${this.mode} stopped unexpectedly in ${this.ctx.repoDir} (${how})${said ? `: ${said}` : ""}: ` +
                "retry; if it keeps happening check the repository with git fsck",
              said || null,
            ),
      );
    });
    return child;
  }

  #receive(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    try {
      this.#drain();
    } catch (error) {
      this.#fail(error as Error);
      this.#child?.kill("SIGKILL");
    }
  }

  /** Matches complete replies in the buffered output to pending requests, oldest first. */
  #drain(): void {
    for (;;) {
      if (!this.#header) {
        const eol = this.#indexOfNewline();
        if (eol === -1) return;
        const line = this.#take(eol + 1).toString("utf8", 0, eol);
        const pending = this.#queue[0];
        if (!pending) throw new GitSourceError(`git cat-file replied without a request: ${line}`);
        if (/ (missing|ambiguous)$/.test(line)) {
          this.#settle(null);
          continue;
        }
        const [oid, type, size] = line.split(" ");
        if (!oid || !type || !size || !/^\d+$/.test(size)) throw new GitSourceError(`unexpected git cat-file reply: ${line}`);
        this.#header = { oid, type, size: Number(size) };
        if (this.mode === "--batch-check") {
          this.#header = null;
          this.#settle({ oid, type, size: Number(size), content: null });
          continue;
        }
      }
      const header = this.#header;
      // The content is followed by one newline.
      if (this.#buffered < header.size + 1) return;
      const content = Buffer.from(this.#take(header.size + 1).subarray(0, header.size));
      this.#header = null;
      this.#settle({ ...header, content });
    }
  }

  #settle(reply: CatFileReply | null): void {
    this.#queue.shift()?.resolve(reply);
    if (this.#queue.length === 0 && this.#child) this.#setRef(this.#child, false);
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const pending of this.#queue.splice(0)) pending.reject(this.#failure);
  }

  /**
   * An idle process must not keep Node alive: a CLI that forgets `close()` still exits, and git then sees EOF on its
   * stdin and exits too. While requests are pending the process and its pipes are referenced again.
   */
  #setRef(child: ChildProcess, ref: boolean): void {
    for (const handle of [child, child.stdin, child.stdout, child.stderr] as Array<{ ref?(): void; unref?(): void } | null>) {
      if (ref) handle?.ref?.();
      else handle?.unref?.();
    }
  }

  #indexOfNewline(): number {
    let offset = 0;
    for (const chunk of this.#chunks) {
      const at = chunk.indexOf(0x0a);
      if (at !== -1) return offset + at;
      offset += chunk.length;
    }
    return -1;
  }

  /** Removes and returns the first `n` buffered bytes (copying only when they span chunks). */
  #take(n: number): Buffer {
    const first = this.#chunks[0];
    this.#buffered -= n;
    if (first && first.length >= n) {
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    for (let offset = 0; offset < n; ) {
      const chunk = this.#chunks[0] as Buffer;
      const count = Math.min(chunk.length, n - offset);
      chunk.copy(out, offset, 0, count);
      offset += count;
      if (count === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(count);
    }
    return out;
  }
}
