import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";

/** Runs git in `dir` with a clean configuration (no system config, no signing, no hooks from the machine). */
export function git(dir: string, args: string[], input?: string | Buffer): Buffer {
  return execFileSync("git", args, {
    cwd: dir,
    input,
    maxBuffer: 2 * 1024 * 1024 * 1024,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: dir, GIT_TERMINAL_PROMPT: "0" },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

const PACK_TYPES = { commit: 1, tree: 2, blob: 3 } as const;

/**
 * Objects written as ONE pack (`git index-pack --stdin`): thousands of objects cost one file, not thousands of loose
 * object files (about a millisecond each to create on this machine's disk).
 */
export class PackWriter {
  readonly #entries: Buffer[] = [];
  readonly #seen = new Set<string>();

  /** Adds an object; returns its sha-1. */
  add(type: keyof typeof PACK_TYPES, body: Buffer): string {
    const sha = createHash("sha1").update(`${type} ${body.length}\0`).update(body).digest("hex");
    if (this.#seen.has(sha)) return sha;
    this.#seen.add(sha);
    const header: number[] = [];
    let size = body.length;
    let byte = (PACK_TYPES[type] << 4) | (size & 0x0f);
    size >>= 4;
    while (size > 0) {
      header.push(byte | 0x80);
      byte = size & 0x7f;
      size >>= 7;
    }
    header.push(byte);
    this.#entries.push(Buffer.from(header), deflateSync(body, { level: 1 }));
    return sha;
  }

  /** Writes the pack (and its index) into the repository at `dir`. */
  write(dir: string): void {
    const head = Buffer.alloc(12);
    head.write("PACK", 0, "latin1");
    head.writeUInt32BE(2, 4);
    head.writeUInt32BE(this.#seen.size, 8);
    const pack = Buffer.concat([head, ...this.#entries]);
    git(dir, ["index-pack", "--stdin"], Buffer.concat([pack, createHash("sha1").update(pack).digest()]));
  }
}

/**
 * A signed commit object from an unsigned one, as `git commit -S` lays it out: the `gpgsig` header (each signature
 * line prefixed with a space) after the other headers. `signature` is the armored block the signer returned for
 * exactly `unsigned`.
 */
export function withSignature(unsigned: Buffer, signature: string): Buffer {
  const end = unsigned.indexOf("\n\n");
  const headers = unsigned.subarray(0, end + 1);
  const lines = signature.replace(/\n$/, "").split("\n");
  return Buffer.concat([headers, Buffer.from(`gpgsig ${lines.join("\n ")}\n`), unsigned.subarray(end + 1)]);
}

/** Every object of `shas`, raw, in one `git cat-file --batch` call. */
export function readObjects(dir: string, shas: readonly string[]): Map<string, Buffer> {
  const out = git(dir, ["cat-file", "--batch"], `${shas.join("\n")}\n`);
  const objects = new Map<string, Buffer>();
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    const [oid = "", , size = "0"] = out.toString("latin1", at, eol).split(" ");
    const length = Number(size);
    objects.set(oid, Buffer.from(out.subarray(eol + 1, eol + 1 + length)));
    at = eol + 1 + length + 1;
  }
  return objects;
}

/**
 * Signs every commit reachable from the repository's branches (oldest first, parents rewritten to the signed
 * copies), then moves the branches to the signed commits. `signerFor` picks the signature for each commit (by its
 * message); null leaves it unsigned. Returns old sha → new sha.
 */
export function signHistory(dir: string, signerFor: (message: string) => ((payload: Buffer) => string) | null): Map<string, string> {
  const shas = git(dir, ["rev-list", "--topo-order", "--reverse", "--branches"]).toString("utf8").split("\n").filter(Boolean);
  const raws = readObjects(dir, shas);
  const renamed = new Map<string, string>();
  const pack = new PackWriter();
  for (const sha of shas) {
    const raw = raws.get(sha)!;
    const end = raw.indexOf("\n\n");
    const headers = raw
      .subarray(0, end)
      .toString("utf8")
      .split("\n")
      .map((line) => (line.startsWith("parent ") ? `parent ${renamed.get(line.slice(7)) ?? line.slice(7)}` : line));
    const unsigned = Buffer.concat([Buffer.from(`${headers.join("\n")}\n`), raw.subarray(end + 1)]);
    const signer = signerFor(raw.subarray(end + 2).toString("utf8"));
    renamed.set(sha, pack.add("commit", signer ? withSignature(unsigned, signer(unsigned)) : unsigned));
  }
  pack.write(dir);
  const refs = git(dir, ["for-each-ref", "--format=%(refname) %(objectname)", "refs/heads"]).toString("utf8").split("\n").filter(Boolean);
  const updates = refs.map((line) => {
    const [ref = "", old = ""] = line.split(" ");
    return `update ${ref} ${renamed.get(old) ?? old} ${old}\n`;
  });
  git(dir, ["update-ref", "--stdin"], updates.join(""));
  return renamed;
}
