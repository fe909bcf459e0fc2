import type { ManifestObject, ObjectChange } from "../../manifests/types.js";
import type { ChangeHit } from "../types.js";

/**
 * The hit for a guard that exists at base and not at head. Object identity spans the whole change set, so this covers
 * the object removed from its file, its file deleted, and its file renamed to something Flux does not apply (a
 * `.yaml.disabled`): all three leave `head` null. A guard moved to another file is matched there and is not deleted.
 * The finding points at the object in the base version of its file.
 */
export function deletionHits(change: ObjectChange, isGuard: (object: ManifestObject) => boolean, consequence: string): ChangeHit[] {
  const { base, head } = change;
  if (!base || head || !isGuard(base)) return [];
  return [{ message: `is deleted by this change: ${consequence}.`, at: [], key: "deleted", side: "base" }];
}
