import { spawn, type ChildProcess } from "node:child_process";

/** One object as `git cat-file --batch` returns it. */
export interface GitObject {
  oid: string;
  type: "commit" | "tree" | "blob" | "tag";
  size: number;
  data: Buffer;
}

/** One entry of a tree object, parsed from its binary form. */
export interface TreeItem {
  mode: string;
  type: "blob" | "tree" | "commit";
  name: string;
  oid: string;
}

const ENV = { ...process.env, GIT_NO_REPLACE_OBJECTS: "1", LC_ALL: "C", GIT_TERMINAL_PROMPT: "0" };

/**
 * Reads objects of one repository through a single long-lived `git cat-file --batch` process (requests pipelined,
 * replies matched in order). Objects are immutable, so replies are cached by oid. Independent from `src/sources/git`
 * on purpose: the fake must not share code with a source it is compared against.
 */
export class GitObjects {
  #child: ChildProcess | null = null;
  #queue: Array<(object: GitObject | null) => void> = [];
  #buffer = Buffer.alloc(0);
  #cache = new Map<string, Promise<GitObject | null>>();

  constructor(readonly dir: string) {}

  /** The object, or null when the repository does not have it. `name` may be any revision cat-file accepts. */
  read(name: string): Promise<GitObject | null> {
    const cached = this.#cache.get(name);
    if (cached) return cached;
    const reply = new Promise<GitObject | null>((resolve) => {
      this.#queue.push(resolve);
      this.#process().stdin?.write(`${name}\n`);
    });
    if (/^[0-9a-f]{40}$/.test(name)) this.#cache.set(name, reply);
    return reply;
  }

  /** Entries of a tree object (by tree oid), in git's order. */
  async tree(oid: string): Promise<TreeItem[] | null> {
    const object = await this.read(oid);
    return object?.type === "tree" ? parseTree(object.data) : null;
  }

  close(): void {
    this.#child?.stdin?.end();
    this.#child = null;
  }

  #process(): ChildProcess {
    if (this.#child) return this.#child;
    const child = spawn("git", ["cat-file", "--batch"], { cwd: this.dir, env: ENV, stdio: ["pipe", "pipe", "ignore"] });
    child.stdin?.on("error", () => undefined);
    child.stdout?.on("data", (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#drain();
    });
    child.on("close", () => {
      for (const resolve of this.#queue.splice(0)) resolve(null);
      if (this.#child === child) this.#child = null;
    });
    child.unref();
    this.#child = child;
    return child;
  }

  #drain(): void {
    for (;;) {
      const eol = this.#buffer.indexOf(0x0a);
      if (eol === -1) return;
      const header = this.#buffer.toString("utf8", 0, eol);
      if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
        this.#buffer = this.#buffer.subarray(eol + 1);
        this.#queue.shift()?.(null);
        continue;
      }
      const [oid = "", type = "", size = "0"] = header.split(" ");
      const length = Number(size);
      if (this.#buffer.length < eol + 1 + length + 1) return;
      const data = Buffer.from(this.#buffer.subarray(eol + 1, eol + 1 + length));
      this.#buffer = this.#buffer.subarray(eol + 1 + length + 1);
      this.#queue.shift()?.({ oid, type: type as GitObject["type"], size: length, data });
    }
  }
}

/** `<mode> SP <name> NUL <20-byte oid>` repeated. */
export function parseTree(data: Buffer): TreeItem[] {
  const items: TreeItem[] = [];
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    const nul = data.indexOf(0, space);
    const rawMode = data.toString("latin1", pos, space);
    const mode = rawMode.padStart(6, "0");
    const name = data.toString("utf8", space + 1, nul);
    const oid = data.toString("hex", nul + 1, nul + 21);
    const type = mode === "040000" ? "tree" : mode === "160000" ? "commit" : "blob";
    items.push({ mode, type, name, oid });
    pos = nul + 21;
  }
  return items;
}

/** Runs git to completion and returns stdout as bytes (throws with git's stderr on failure). */
export function runGit(dir: string, args: string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd: dir, env: ENV, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
    child.on("error", reject);
    // git may exit without reading its input (a bad revision): the exit status reports that, not EPIPE.
    child.stdin.on("error", () => undefined);
    child.on("close", (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`git ${args.join(" ")}: ${err.trim()}`))));
    child.stdin.end(input ?? "");
  });
}
