import { splitSignedCommit } from "../../../src/signatures/signed-object.js";
import { GitObjects, runGit, type TreeItem } from "./git-objects.js";

/** A git identity line (`Name <email> 1767225600 +0100`), parsed. */
export interface GitIdentity {
  name: string;
  email: string;
  /** Seconds since the epoch. */
  epoch: number;
  /** `+0100` */
  tz: string;
}

/** A commit object, parsed the way GitHub presents it. */
export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: GitIdentity | null;
  committer: GitIdentity | null;
  /** The message as stored (after the blank line). */
  message: string;
  /** What the signature covers: the raw object minus its gpgsig header. */
  payload: string;
  signature: string | null;
}

/** One changed path of a `git diff-tree -M` between two commits. */
export interface DiffEntry {
  status: "added" | "removed" | "modified" | "renamed" | "changed";
  filename: string;
  previousFilename: string | null;
  /** Blob at the new side (the old side for a removal). */
  sha: string;
  additions: number;
  deletions: number;
}

/** A recursive tree listing entry (`git ls-tree -r -t -l`). */
export interface ListedEntry {
  path: string;
  mode: string;
  type: "blob" | "tree" | "commit";
  oid: string;
  size: number | null;
}

/** Everything the fake serves, read from a real repository with git. */
export class FakeRepo {
  readonly objects: GitObjects;

  constructor(readonly dir: string) {
    this.objects = new GitObjects(dir);
  }

  /** The commit sha a ref, sha or expression names; null when there is none. */
  async resolve(rev: string): Promise<string | null> {
    if (!rev || rev.startsWith("-")) return null;
    try {
      return (await runGit(this.dir, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`])).toString("utf8").trim() || null;
    } catch {
      return null;
    }
  }

  async mergeBase(a: string, b: string): Promise<string | null> {
    try {
      return (await runGit(this.dir, ["merge-base", a, b])).toString("utf8").trim() || null;
    } catch {
      return null;
    }
  }

  /** `base..head`, oldest first, in the chronological order GitHub's compare and pull request listings use. */
  async range(base: string, head: string): Promise<string[]> {
    const out = await runGit(this.dir, ["rev-list", "--reverse", "--date-order", `${base}..${head}`]);
    return out.toString("utf8").split("\n").filter(Boolean);
  }

  /** History from a commit (all parents, git log order), for GraphQL `Commit.history`. */
  async history(sha: string, skip: number, count: number): Promise<string[]> {
    const out = await runGit(this.dir, ["rev-list", `--skip=${skip}`, `--max-count=${count}`, sha]);
    return out.toString("utf8").split("\n").filter(Boolean);
  }

  async commit(sha: string): Promise<CommitInfo | null> {
    const object = await this.objects.read(sha);
    if (object?.type !== "commit") return null;
    const { payload, signature } = splitSignedCommit(object.data);
    const raw = object.data.toString("utf8");
    const end = raw.indexOf("\n\n");
    const headers = (end === -1 ? raw : raw.slice(0, end)).split("\n");
    const field = (name: string): string[] => headers.filter((line) => line.startsWith(`${name} `)).map((l) => l.slice(name.length + 1));
    return {
      sha,
      tree: field("tree")[0] ?? "",
      parents: field("parent"),
      author: identity(field("author")[0]),
      committer: identity(field("committer")[0]),
      message: end === -1 ? "" : raw.slice(end + 2),
      payload: Buffer.from(payload).toString("utf8"),
      signature,
    };
  }

  /** `from..to` with rename detection (`from` null: against the empty tree), in git's path order. */
  async diff(from: string | null, to: string): Promise<DiffEntry[]> {
    const args = ["diff-tree", "-r", "-M", "-z", "--raw", "--numstat", "--no-abbrev", ...(from ? [from, to] : ["--root", to])];
    return parseRawNumstat(await runGit(this.dir, args), from === null);
  }

  /** A tree (by tree or commit oid): recursively with every subtree listed (as GitHub's `recursive=1` does), or one level. */
  async list(treeish: string, recursive: boolean): Promise<ListedEntry[]> {
    const args = ["ls-tree", "-l", "-z", "--full-tree", ...(recursive ? ["-r", "-t"] : []), treeish];
    const out = await runGit(this.dir, args);
    return out
      .toString("utf8")
      .split("\0")
      .filter(Boolean)
      .map((record) => {
        const tab = record.indexOf("\t");
        const [mode = "", type = "", oid = "", size = "-"] = record.slice(0, tab).split(/ +/);
        return { path: record.slice(tab + 1), mode, type: type as ListedEntry["type"], oid, size: size === "-" ? null : Number(size) };
      });
  }

  /** The tree oid of a commit or tree name; null when it does not name one. */
  async treeOf(rev: string): Promise<string | null> {
    if (!rev || rev.startsWith("-")) return null;
    try {
      return (await runGit(this.dir, ["rev-parse", "--verify", "--quiet", `${rev}^{tree}`])).toString("utf8").trim() || null;
    } catch {
      return null;
    }
  }

  /** The entry at `path` below a commit's tree (the root tree itself for ""), walking tree objects. */
  async entryAt(commit: string, path: string): Promise<TreeItem | null> {
    const root = await this.treeOf(commit);
    if (!root) return null;
    let current: TreeItem = { mode: "040000", type: "tree", name: "", oid: root };
    for (const part of path.split("/").filter(Boolean)) {
      if (current.type !== "tree") return null;
      const next = (await this.objects.tree(current.oid))?.find((item) => item.name === part);
      if (!next) return null;
      current = next;
    }
    return current;
  }

  async blob(oid: string): Promise<Buffer | null> {
    const object = await this.objects.read(oid);
    return object?.type === "blob" ? object.data : null;
  }

  close(): void {
    this.objects.close();
  }
}

function identity(line: string | undefined): GitIdentity | null {
  const match = line && /^(.*?) ?<([^<>]*)> (\d+) ([+-]\d{4})$/.exec(line);
  return match ? { name: match[1] ?? "", email: match[2] ?? "", epoch: Number(match[3]), tz: match[4] ?? "+0000" } : null;
}

/** `--raw -z` records (`:modes oids status NUL path [NUL path]`) followed by `--numstat -z` records, for the same pairs. */
function parseRawNumstat(out: Buffer, root: boolean): DiffEntry[] {
  const fields = out.toString("utf8").split("\0");
  if (root && fields[0] && /^[0-9a-f]{40}$/.test(fields[0])) fields.shift();
  const entries: DiffEntry[] = [];
  let i = 0;
  while (i < fields.length && fields[i]?.startsWith(":")) {
    const [, , oldOid = "", newOid = "", status = ""] = (fields[i] ?? "").slice(1).split(" ");
    const letter = status[0] ?? "M";
    const renamed = letter === "R" || letter === "C";
    const previous = renamed ? (fields[i + 1] ?? "") : null;
    const filename = (renamed ? fields[i + 2] : fields[i + 1]) ?? "";
    const kind = letter === "A" ? "added" : letter === "D" ? "removed" : letter === "T" ? "changed" : renamed ? "renamed" : "modified";
    entries.push({ status: kind, filename, previousFilename: letter === "R" ? previous : null, sha: letter === "D" ? oldOid : newOid, additions: 0, deletions: 0 });
    i += renamed ? 3 : 2;
  }
  // numstat: `add TAB del TAB path NUL`, or for a rename `add TAB del TAB NUL old NUL new NUL`; `-` for binary.
  for (const entry of entries) {
    const record = fields[i] ?? "";
    const [add = "0", del = "0", path = ""] = record.split("\t");
    i += path === "" ? 3 : 1;
    entry.additions = add === "-" ? 0 : Number(add);
    entry.deletions = del === "-" ? 0 : Number(del);
  }
  return entries;
}
