import type { CommitVerdict } from "./decision.js";
import type { SourceCommit } from "../sources/change-set.js";
import type { Keyring } from "../signatures/keyring.js";
import { verifySignature } from "../signatures/verify-signature.js";
import type { Policy } from "../policy/schema.js";
import { tenantsOfSigner } from "../policy/tenants.js";

/** Verifies each commit's own signature over its own payload, with Flux's rules; oldest first, as given. */
export async function verifyCommits(commits: SourceCommit[], keyring: Keyring, policy: Policy, now: Date): Promise<CommitVerdict[]> {
  const verdicts: CommitVerdict[] = [];
  for (const commit of commits) {
    const verdict = await verifySignature(commit.payload, commit.signature, keyring, now);
    verdicts.push({
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
    });
  }
  return verdicts;
}
