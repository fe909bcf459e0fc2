import { posix } from "node:path";
import type { Signer } from "../engine/decision.js";
import type { Policy } from "../policy/schema.js";
import type { Keyring } from "../signatures/keyring.js";
import { readKeyring } from "../signatures/read-keyring.js";
import type { TreeReader } from "../sources/change-set.js";

/**
 * GitHub's web-flow key as the base tree documents it (`signing.webFlowKey`): the key GitHub signs merges, squashes
 * and web-UI edits with. It is never part of the allowed set and never a tenant's signer; the web-flow judgement
 * (src/web-flow) is its only use.
 */
export interface WebFlowTrust {
  /** `signing.webFlowKey`, in the base tree. */
  path: string;
  keyring: Keyring;
  /** Why no key could be read (missing or unreadable file): web-flow commits are then never accepted. */
  problem: string | null;
}

/** Reads `signing.webFlowKey` from the BASE tree; undefined when the policy names none. Throws only when the tree cannot be read. */
export async function loadWebFlowTrust(tree: TreeReader, policy: Policy): Promise<WebFlowTrust | undefined> {
  const path = policy.signing.webFlowKey;
  if (!path) return undefined;
  const empty: Keyring = { keys: [], problems: [] };
  const bytes = await tree.read(path);
  if (!bytes) return { path, keyring: empty, problem: `no such file in the base tree (${tree.commit.slice(0, 12)})` };
  const keyring = await readKeyring([{ name: posix.basename(path), source: path, bytes }]);
  const problem = keyring.keys.length ? null : keyring.problems.map((p) => p.message).join("; ") || "holds no public key";
  return { path, keyring, problem };
}

/**
 * GitHub's web-flow keys carry a `noreply@github.com` user id. Used only to *reject*: an allowed key that looks like
 * GitHub's, when `signing.webFlowKey` does not say which key GitHub's is, is treated as web-flow (never accepted).
 */
export function hasGitHubUserId({ userIds }: Pick<Signer, "userIds">): boolean {
  return userIds.some((uid) => /<noreply@github\.com>/i.test(uid));
}
