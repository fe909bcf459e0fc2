/**
 * Bytes above which a key entry or a key/manifest file is not read: a Kubernetes Secret holds at most 1 MiB in all, so
 * nothing larger can be what Flux reads, and discovery must not parse arbitrarily large files from a repository.
 */
export const MAX_KEY_BYTES = 1024 * 1024;
