import type { Decision } from "./decision.js";
import { summarizeKey, type Trust } from "./evaluate.js";
import { applyPolicy } from "./apply-policy.js";
import { verifyCommits } from "./verify-commits.js";
import { signatureFindings } from "./signature-findings.js";
import type { SourceCommit } from "../sources/change-set.js";

export interface SignedTag {
  name: string;
  /** The tag object's sha. */
  sha: string;
  /** The commit it points to. */
  target: string;
  payload: Uint8Array;
  signature: string | null;
  tagger: SourceCommit["author"];
  message: string;
}

/** Flux's `spec.verify.mode: Tag`: the annotated tag's own signature, judged like a commit's. Pure, like evaluate(). */
export async function evaluateTag({ tag, trust, now }: { tag: SignedTag; trust: Trust; now: Date }): Promise<Decision> {
  const asCommit: SourceCommit = {
    sha: tag.sha,
    parents: [tag.target],
    author: tag.tagger,
    committer: tag.tagger,
    message: `tag ${tag.name}: ${tag.message}`,
    payload: tag.payload,
    signature: tag.signature,
    files: [],
  };
  const commits = await verifyCommits([asCommit], trust.keyring, trust.policy, now);
  const findings = applyPolicy(signatureFindings(commits, trust.keyring.keys.length), trust.policy.rules);
  return {
    version: 1,
    conclusion: findings.some((f) => f.blocking) ? "failure" : "success",
    base: trust.policyRef.ref ?? "",
    head: tag.target,
    mode: "tag",
    policy: trust.policyRef,
    keys: trust.keyring.keys.map(summarizeKey),
    keyProblems: trust.keyring.problems,
    commits,
    findings,
    tenants: {},
    skipped: [],
  };
}
