import type { BlobRequest, BlobStore } from "./blob-store.js";
import { batches } from "./graphql-objects.js";
import type { Plan } from "./plan.js";
import type { TreeStore } from "./tree-store.js";

/** Blobs wanted from one commit's tree. */
export interface ArchiveSide {
  commit: string;
  requests: readonly BlobRequest[];
}

/**
 * Reads a commit's blobs from its tarball when that takes no more requests than reading them one by one (REST) or in
 * batches (GraphQL): an archive costs one request, plus one recursive tree read when its size is not known yet, and
 * is only taken for trees up to `archiveMaxBytes`. A tie goes to the archive: it is a REST GET, which does not wait
 * for plugin-throttling's one-a-second GraphQL slot.
 */
export async function preferArchives(store: TreeStore, blobs: BlobStore, plan: Plan, sides: readonly ArchiveSide[]): Promise<void> {
  await Promise.all(
    sides.map(async ({ commit, requests }) => {
      const wanted = [...new Map(requests.filter((r) => !blobs.has(r.oid)).map((r) => [r.oid, r])).values()];
      if (wanted.length < plan.archiveMinFiles) return;
      const perBlob = plan.rest(wanted.length)
        ? wanted.length
        : batches(wanted, plan.graphqlBatch, plan.graphqlTextBytes, (r) => r.size).length;
      if (1 + (store.listed(commit) ? 0 : 1) > perBlob) return;
      const listing = await store.recursive(commit);
      if (!listing.complete || listing.bytes > plan.archiveMaxBytes) return;
      // An archive only saves requests: when it cannot be had (a GitHub Enterprise Server without codeload, a 5xx),
      // the blobs are read one by one or in batches instead, verified the same way.
      await blobs.archive(commit).catch(() => undefined);
    }),
  );
}
