import type { GitHubApi } from "./github-api.js";
import { EMPTY_BLOB_ID, gitObjectId } from "./git-object-id.js";
import { batches, fetchObjects } from "./graphql-objects.js";
import { GitHubLimitError, GitHubSourceError } from "./github-source-error.js";
import type { Plan } from "./plan.js";
import { readTarball } from "./read-tarball.js";

const BLOBS = "GET /repos/{owner}/{repo}/git/blobs/{file_sha}";
const TARBALL = "GET /repos/{owner}/{repo}/tarball/{ref}";
/** `git/blobs` serves blobs up to 100 MB. */
const REST_BLOB_MAX = 100 * 1024 * 1024;

/** A blob to read: its oid and size (known from its tree), and a path for messages. */
export interface BlobRequest {
  oid: string;
  size: number;
  path: string;
}

/**
 * Blob contents by oid, each read once and verified against its oid. Many blobs go through batched GraphQL
 * (`Blob.text`): text that is binary, truncated, or not byte-exact once encoded back to UTF-8 (a Latin-1 file) fails
 * the hash check and is re-read through REST `git/blobs` (base64, exact, up to 100 MB). Few blobs go REST directly.
 */
export class BlobStore {
  readonly #blobs = new Map<string, Promise<Uint8Array>>();
  readonly #archives = new Map<string, Promise<void>>();

  constructor(
    private readonly api: GitHubApi,
    private readonly plan: Plan,
  ) {}

  /** Starts reading every blob not read yet, in as few requests as the plan allows; resolves when all are in. */
  async load(requests: readonly BlobRequest[]): Promise<void> {
    const wanted = new Map<string, BlobRequest>();
    for (const request of requests) if (!this.#blobs.has(request.oid)) wanted.set(request.oid, request);
    const fresh = [...wanted.values()];
    const empty = fresh.filter((r) => r.oid === EMPTY_BLOB_ID);
    for (const request of empty) this.#blobs.set(request.oid, Promise.resolve(new Uint8Array()));
    const rest = fresh.filter((r) => r.oid !== EMPTY_BLOB_ID);
    if (rest.length > 0 && !this.plan.rest(rest.length)) {
      // Text over the per-query budget and binary blobs are not worth a GraphQL round trip.
      const viaGraphql = rest.filter((r) => r.size <= this.plan.graphqlTextBytes);
      for (const batch of batches(viaGraphql, this.plan.graphqlBatch, this.plan.graphqlTextBytes, (r) => r.size)) this.#graphql(batch);
    }
    for (const request of rest) if (!this.#blobs.has(request.oid)) this.#blobs.set(request.oid, this.#rest(request));
    await Promise.all(requests.map((request) => this.get(request.oid)));
  }

  /** Whether a blob is read (or being read). */
  has(oid: string): boolean {
    return this.#blobs.has(oid);
  }

  /**
   * Every blob of a commit in ONE request: GitHub's tarball (`git archive` of the commit; the redirect to codeload is
   * not an API request). Each file is hashed and kept under the blob oid it hashes to, so what the archive changed
   * (`export-subst`, LFS content) or left out (`export-ignore`) is simply not found here and is read blob by blob.
   */
  archive(commit: string): Promise<void> {
    let pending = this.#archives.get(commit);
    if (!pending) {
      pending = this.api.rest<ArrayBuffer>(TARBALL, { ref: commit }, `the archive of ${commit}`).then(async ({ data }) => {
        let files;
        try {
          files = await readTarball(new Uint8Array(data));
        } catch (error) {
          throw new GitHubSourceError(`GitHub's archive of ${commit} could not be read (${(error as Error).message}): retry`);
        }
        for (const file of files) {
          const oid = gitObjectId("blob", file.bytes);
          if (!this.#blobs.has(oid)) this.#blobs.set(oid, Promise.resolve(new Uint8Array(file.bytes)));
        }
      });
      pending.catch(() => this.#archives.delete(commit));
      this.#archives.set(commit, pending);
    }
    return pending;
  }

  /** A blob that `load` was asked for. */
  get(oid: string): Promise<Uint8Array> {
    const blob = this.#blobs.get(oid);
    if (!blob) return Promise.reject(new GitHubSourceError(`blob ${oid} was used before it was loaded`));
    return blob;
  }

  #graphql(batch: readonly BlobRequest[]): void {
    type Answer = { byteSize: number; isBinary: boolean | null; isTruncated: boolean; text: string | null };
    const answers = fetchObjects<Answer>(
      this.api,
      "FluxWardenBlobs",
      batch.map((r) => ({ oid: r.oid, selection: "... on Blob { byteSize isBinary isTruncated text }" })),
      `${batch.length} files`,
    );
    answers.catch(() => undefined); // reported through each blob's promise
    batch.forEach((request, i) => {
      const blob = answers.then((all) => {
        const answer = all[i];
        if (answer && !answer.isTruncated && answer.text !== null) {
          const bytes = new Uint8Array(Buffer.from(answer.text, "utf8"));
          if (gitObjectId("blob", bytes) === request.oid) return bytes;
        }
        return this.#rest(request);
      });
      this.#blobs.set(request.oid, blob);
    });
  }

  async #rest(request: BlobRequest): Promise<Uint8Array> {
    if (request.size > REST_BLOB_MAX) {
      throw new GitHubLimitError("blob-size", `${request.path} is ${request.size.toLocaleString("en-US")} bytes: GitHub serves blobs up to 100 MB through its API. Lower maxFileBytes so that it is reported as too large, or run \`flux-warden check\` locally.`);
    }
    const { data } = await this.api.rest<{ content?: string; encoding?: string }>(BLOBS, { file_sha: request.oid }, `${request.path} (blob ${request.oid})`);
    if (data.encoding !== "base64" || typeof data.content !== "string") {
      throw new GitHubSourceError(`GitHub returned blob ${request.oid} (${request.path}) without base64 content: retry`);
    }
    const bytes = new Uint8Array(Buffer.from(data.content, "base64"));
    if (gitObjectId("blob", bytes) !== request.oid) {
      throw new GitHubSourceError(`GitHub returned content for ${request.path} that does not hash to its blob ${request.oid}: retry`);
    }
    return bytes;
  }
}
