import type { FakeContext } from "./fake-context.js";
import type { CommitInfo, GitIdentity } from "./fake-repo.js";
import { runGit } from "./git-objects.js";

/**
 * GraphQL objects resolved lazily from the repository: graphql-js calls a source's method for each selected field,
 * and resolves the `GitObject` / `GitSignature` interfaces through `__typename`.
 */
export type GitObjectNode = CommitNode | TreeNode | BlobNode;

/** `Repository.object(oid:)` / `object(expression:)`: null when the repository has no such object. */
export async function objectNode(ctx: FakeContext, args: { oid?: string; expression?: string }): Promise<GitObjectNode | null> {
  let oid = args.oid ?? null;
  if (!oid && args.expression && !args.expression.startsWith("-")) {
    oid = await runGit(ctx.repo.dir, ["rev-parse", "--verify", "--quiet", args.expression]).then((b) => b.toString("utf8").trim(), () => null);
  }
  if (!oid || !/^[0-9a-f]{40}$/.test(oid)) return null;
  const object = await ctx.repo.objects.read(oid);
  if (object?.type === "commit") return new CommitNode(ctx, oid);
  if (object?.type === "tree") return new TreeNode(ctx, oid);
  if (object?.type === "blob") return new BlobNode(ctx, oid, object.data);
  return null;
}

abstract class BaseNode {
  constructor(
    protected readonly ctx: FakeContext,
    readonly oid: string,
  ) {}
  id(): string {
    return Buffer.from(`${this.constructor.name}:${this.oid}`).toString("base64");
  }
  abbreviatedOid(): string {
    return this.oid.slice(0, 7);
  }
}

export class CommitNode extends BaseNode {
  readonly __typename = "Commit";
  #info: Promise<CommitInfo | null> | null = null;

  async #load(): Promise<CommitInfo> {
    this.#info ??= this.ctx.repo.commit(this.oid);
    const info = await this.#info;
    if (!info) throw new Error(`Could not load commit ${this.oid}`);
    return info;
  }
  async message(): Promise<string> {
    return (await this.#load()).message.replace(/\n$/, "");
  }
  async messageHeadline(): Promise<string> {
    return (await this.#load()).message.split("\n")[0] ?? "";
  }
  async author(): Promise<Record<string, unknown> | null> {
    return actor((await this.#load()).author);
  }
  async committer(): Promise<Record<string, unknown> | null> {
    return actor((await this.#load()).committer);
  }
  async tree(): Promise<TreeNode> {
    return new TreeNode(this.ctx, (await this.#load()).tree);
  }
  async parents(args: Paging): Promise<Connection> {
    const parents = (await this.#load()).parents;
    return connection(this.ctx, args, parents.length, (skip, count) => Promise.resolve(parents.slice(skip, skip + count)));
  }
  async history(args: Paging): Promise<Connection> {
    const total = (await this.ctx.repo.history(this.oid, 0, Number.MAX_SAFE_INTEGER)).length;
    return connection(this.ctx, args, total, (skip, count) => this.ctx.repo.history(this.oid, skip, count));
  }
  /** GitHub's signature object: the real armor and payload; GitHub's verdict is always "unknown key" here. */
  async signature(): Promise<Record<string, unknown> | null> {
    const info = await this.#load();
    if (!info.signature) return null;
    const armor = info.signature;
    const __typename = armor.startsWith("-----BEGIN PGP SIGNATURE-----")
      ? "GpgSignature"
      : armor.startsWith("-----BEGIN SSH SIGNATURE-----")
        ? "SshSignature"
        : armor.startsWith("-----BEGIN SIGNED MESSAGE-----")
          ? "SmimeSignature"
          : "UnknownSignature";
    return { __typename, signature: armor, payload: info.payload, email: info.committer?.email ?? "", isValid: false, state: "UNKNOWN_KEY", wasSignedByGitHub: false, keyId: null, keyFingerprint: null };
  }
}

export class TreeNode extends BaseNode {
  readonly __typename = "Tree";
  async entries(): Promise<Array<Record<string, unknown>>> {
    const items = (await this.ctx.repo.objects.tree(this.oid)) ?? [];
    return Promise.all(
      items.map(async (item) => {
        const blob = item.type === "blob" ? await this.ctx.repo.objects.read(item.oid) : null;
        const dot = item.name.lastIndexOf(".");
        return {
          name: item.name,
          path: null,
          type: item.type,
          mode: parseInt(item.mode, 8),
          oid: item.oid,
          size: blob?.size ?? 0,
          extension: item.type === "blob" && dot > 0 ? item.name.slice(dot) : null,
          isGenerated: false,
          // A submodule's commit lives in another repository: GitHub resolves no object for it.
          object: () => (item.type === "commit" ? null : objectNode(this.ctx, { oid: item.oid })),
        };
      }),
    );
  }
}

export class BlobNode extends BaseNode {
  readonly __typename = "Blob";
  constructor(
    ctx: FakeContext,
    oid: string,
    private readonly data: Buffer,
  ) {
    super(ctx, oid);
  }
  byteSize(): number {
    return this.data.length;
  }
  isBinary(): boolean {
    return this.data.subarray(0, 8000).includes(0);
  }
  isTruncated(): boolean {
    return this.data.length > this.ctx.limits.graphqlTextBytes;
  }
  /** UTF-8 text (invalid bytes become U+FFFD, so a non-UTF-8 file does not come back byte-exact), null when binary. */
  text(): string | null {
    return this.isBinary() ? null : this.data.subarray(0, this.ctx.limits.graphqlTextBytes).toString("utf8");
  }
}

interface Paging {
  first?: number;
  last?: number;
  after?: string;
}
interface Connection {
  totalCount: number;
  nodes: CommitNode[];
  edges: Array<{ cursor: string; node: CommitNode }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Forward pagination with opaque cursors; GitHub rejects a connection without `first`/`last` or beyond 100. */
async function connection(ctx: FakeContext, args: Paging, total: number, page: (skip: number, count: number) => Promise<string[]>): Promise<Connection> {
  const size = args.first ?? args.last;
  if (size === undefined) throw new Error("You must provide a `first` or `last` value to properly paginate the connection.");
  if (size < 1 || size > 100) throw new Error(`Requesting ${size} records on the connection exceeds the \`first\` limit of 100 records.`);
  const skip = args.after ? Number(Buffer.from(args.after, "base64").toString("utf8").split(" ")[1] ?? 0) : 0;
  const shas = await page(skip, size);
  const edges = shas.map((sha, i) => ({ cursor: Buffer.from(`${sha} ${skip + i + 1}`).toString("base64"), node: new CommitNode(ctx, sha) }));
  return {
    totalCount: total,
    nodes: edges.map((e) => e.node),
    edges,
    pageInfo: { hasNextPage: skip + shas.length < total, hasPreviousPage: skip > 0, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** GitTimestamp keeps the committer's zone (unlike DateTime and unlike REST, which are UTC). */
function actor(identity: GitIdentity | null): Record<string, unknown> | null {
  if (!identity) return null;
  const sign = identity.tz.startsWith("-") ? -1 : 1;
  const offsetMinutes = sign * (Number(identity.tz.slice(1, 3)) * 60 + Number(identity.tz.slice(3, 5)));
  const local = new Date((identity.epoch + offsetMinutes * 60) * 1000).toISOString().replace(/\.\d{3}Z$/, "");
  return { name: identity.name, email: identity.email, date: `${local}${identity.tz.slice(0, 3)}:${identity.tz.slice(3)}` };
}
