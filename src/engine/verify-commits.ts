import type { CommitVerdict } from "./decision.js";
import type { SourceCommit } from "../sources/change-set.js";
import type { Keyring } from "../signatures/keyring.js";
import { verifySignature } from "../signatures/verify-signature.js";
import type { Policy } from "../policy/schema.js";
import { tenantsOfSigner } from "../policy/tenants.js";

/**
 * Signatures verified at once. OpenPGP.js verifies through WebCrypto, whose jobs (key import, digest, verify) run on
 * libuv's thread pool: one commit's verification is mostly waiting for those hops, so overlapping a few keeps the
 * pool busy instead of idle (`npm run bench`: about twice the commits per second on two cores). Each verdict depends
 * only on its own commit, so the order and the result are the same as one at a time.
 */
const CONCURRENT_VERIFICATIONS = 8;

/** Verifies each commit's own signature over its own payload, with Flux's rules; verdicts oldest first, as given. */
export async function verifyCommits(commits: SourceCommit[], keyring: Keyring, policy: Policy, now: Date): Promise<CommitVerdict[]> {
  const verdicts = new Array<CommitVerdict>(commits.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < commits.length) {
      const i = next++;
      verdicts[i] = await verdictOf(commits[i]!, keyring, policy, now);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_VERIFICATIONS, commits.length) }, lane));
  return verdicts;
}

async function verdictOf(commit: SourceCommit, keyring: Keyring, policy: Policy, now: Date): Promise<CommitVerdict> {
  const verdict = await verifySignature(commit.payload, commit.signature, keyring, now);
  return {
    sha: commit.sha,
    verified: verdict.reason === "verified",
    reason: verdict.reason,
    signer: verdict.signer,
    // Only a verified signer speaks for a tenant: an expired or revoked key belongs to nobody.
    tenants: verdict.reason === "verified" && verdict.signer ? tenantsOfSigner(policy, verdict.signer.fingerprint) : [],
    detail: verdict.detail,
    subject: commit.message.split("\n", 1)[0] ?? "",
    author: commit.author,
    parents: commit.parents,
  };
}
