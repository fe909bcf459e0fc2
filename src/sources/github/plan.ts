/**
 * How the source trades REST requests against GraphQL calls. In production plugin-throttling lets about ten REST GETs
 * run at once but queues every GraphQL call behind the previous one (and behind every write) at about one a second,
 * per installation and process (Probot keys the limiter by installation id). A few REST requests therefore finish
 * sooner than one GraphQL call, while many REST requests cost more of the hourly budget than a few batched GraphQL
 * calls: each batch of work goes REST up to `restLimit` requests and GraphQL beyond.
 */
export interface Plan {
  /** Whether `count` REST requests are the better way to fetch this batch. */
  rest(count: number): boolean;
  /** Objects per GraphQL query. */
  graphqlBatch: number;
  /** Blob text per GraphQL query, in bytes (sizes are known from the trees). */
  graphqlTextBytes: number;
  /** Files a commit must need before its whole archive is considered instead of reading them one by one. */
  archiveMinFiles: number;
  /** Largest tree (total blob bytes) read as an archive. */
  archiveMaxBytes: number;
  /** Most tree entries that recursive REST reads of every commit may bring in, in total, before levels go GraphQL. */
  recursiveEntries: number;
}

export interface PlanOptions {
  /** Up to this many REST requests for one batch of work before switching to GraphQL (default 100; 0 = GraphQL always). */
  restLimit?: number;
  /** Aliased objects per GraphQL query (default 500). */
  graphqlBatch?: number;
  /** Blob text per GraphQL query (default 4 MiB). */
  graphqlTextBytes?: number;
  /** Needed files from one commit before its tarball is considered (default 16; 0 disables archives). */
  archiveMinFiles?: number;
  /** Largest tree, in total blob bytes, read through its tarball (default 32 MiB). */
  archiveMaxBytes?: number;
  /**
   * Recursive tree reads repeat the whole tree for every commit: they are used while commits × entries stays under
   * this (default 200,000 entries, about 30 MB of JSON); past it, trees are diffed level by level through GraphQL.
   */
  recursiveEntries?: number;
}

export const DEFAULT_REST_LIMIT = 100;
export const DEFAULT_GRAPHQL_BATCH = 500;
export const DEFAULT_GRAPHQL_TEXT_BYTES = 4 * 1024 * 1024;
export const DEFAULT_ARCHIVE_MIN_FILES = 16;
export const DEFAULT_ARCHIVE_MAX_BYTES = 32 * 1024 * 1024;
export const DEFAULT_RECURSIVE_ENTRIES = 200_000;

export function makePlan(options: PlanOptions = {}): Plan {
  const restLimit = options.restLimit ?? DEFAULT_REST_LIMIT;
  return {
    rest: (count) => count <= restLimit,
    graphqlBatch: Math.max(1, options.graphqlBatch ?? DEFAULT_GRAPHQL_BATCH),
    graphqlTextBytes: Math.max(1, options.graphqlTextBytes ?? DEFAULT_GRAPHQL_TEXT_BYTES),
    archiveMinFiles: options.archiveMinFiles === 0 ? Number.POSITIVE_INFINITY : (options.archiveMinFiles ?? DEFAULT_ARCHIVE_MIN_FILES),
    archiveMaxBytes: options.archiveMaxBytes ?? DEFAULT_ARCHIVE_MAX_BYTES,
    recursiveEntries: options.recursiveEntries ?? DEFAULT_RECURSIVE_ENTRIES,
  };
}
