import { createHash } from "node:crypto";

/**
 * The git object id of `bytes` stored as `type` (`sha1("<type> <size>\0" + bytes)`). Everything the API returns is
 * checked against the id it was asked for: a blob whose text was re-encoded, or a payload that does not belong to its
 * commit, is caught here instead of being evaluated.
 */
export function gitObjectId(type: "blob" | "commit" | "tree", bytes: Uint8Array): string {
  return createHash("sha1").update(`${type} ${bytes.length}\0`).update(bytes).digest("hex");
}

export const EMPTY_BLOB_ID = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";
