import type { CommitVerdict, Signer, WebFlowVerdict } from "../engine/decision.js";
import type { RuleFinding } from "../engine/finding.js";
import { WEB_FLOW_RULE } from "../engine/gate-rules.js";
import type { Policy } from "../policy/schema.js";
import { verifySignature } from "../signatures/verify-signature.js";
import type { ChangeSet, SourceCommit } from "../sources/change-set.js";
import type { GitHubFacts } from "./github-facts.js";
import { judgeMerge, short, type ParentStatus, type WebFlowOutcome } from "./judge-merge.js";
import { judgeSquash } from "./judge-squash.js";
import { hasGitHubUserId, type WebFlowTrust } from "./web-flow-trust.js";

export interface WebFlowInput {
  /** verifyCommits' verdicts against the allowed set, oldest first. */
  verdicts: CommitVerdict[];
  changeSet: ChangeSet;
  policy: Policy;
  webFlow: WebFlowTrust | undefined;
  now: Date;
  facts: GitHubFacts | undefined;
}

export interface WebFlowJudgement {
  /** The verdicts, web-flow commits rewritten: never a tenant's, `webFlow` set, `verified` when accepted. */
  commits: CommitVerdict[];
  /** `signature/web-flow-commit` findings. */
  findings: RuleFinding[];
  /** Web-flow commits judged here: ownership and the generic signature findings skip them. */
  judged: Set<string>;
}

/**
 * Judges commits signed by GitHub's web-flow key. With `signing.webFlow: merge-commits` such a commit is accepted
 * only as GitHub's merge (judgeMerge) or squash (judgeSquash) of verified changes; anything else GitHub signed fails
 * `signature/web-flow-commit`. With `reject` it fails too — as `signature/untrusted-key` when the key is outside the
 * allowed set (what Flux says), as `signature/web-flow-commit` when the allowed set trusts it anyway.
 */
export async function judgeWebFlow(input: WebFlowInput): Promise<WebFlowJudgement> {
  const out: WebFlowJudgement = { commits: [], findings: [], judged: new Set() };
  const bySha = new Map(input.changeSet.commits.map((c) => [c.sha, c]));
  const final = new Map<string, CommitVerdict>();
  const statusOf = (sha: string): ParentStatus => {
    const judged = final.get(sha);
    if (judged) return judged.verified ? "verified" : "unverified";
    return bySha.has(sha) ? "not-judged" : "on-base";
  };
  for (const verdict of input.verdicts) {
    const commit = bySha.get(verdict.sha);
    const found = commit ? await identify(commit, verdict, input.webFlow, input.now) : null;
    const judged = commit && found ? judgeOne(commit, verdict, found, input, statusOf, out) : verdict;
    final.set(judged.sha, judged);
    out.commits.push(judged);
  }
  return out;
}

interface WebFlowSigner {
  signer: Signer;
  /** Identified by the configured `signing.webFlowKey` (false: only by GitHub's user id on an allowed key). */
  configured: boolean;
}

function judgeOne(commit: SourceCommit, verdict: CommitVerdict, found: WebFlowSigner, input: WebFlowInput, statusOf: (sha: string) => ParentStatus, out: WebFlowJudgement): CommitVerdict {
  const kind: WebFlowVerdict["kind"] = commit.parents.length === 2 ? "merge" : commit.parents.length === 1 ? "squash" : "other";
  const fingerprint = found.signer.fingerprint;
  const mergeCommits = input.policy.signing.webFlow === "merge-commits";
  if (!verdict.verified && !(mergeCommits && found.configured)) {
    // Outside the allowed set and not acceptable: Flux rejects it too, and `signature/untrusted-key` says so.
    const detail = `GitHub's web-flow key (${fingerprint}) signed it, and signing.webFlow is ${input.policy.signing.webFlow}`;
    return { ...verdict, tenants: [], detail: `${verdict.detail}; ${detail}`, webFlow: { kind, accepted: false, detail } };
  }
  out.judged.add(commit.sha);
  const outcome: WebFlowOutcome = !mergeCommits
    ? { accepted: false, detail: "the allowed set trusts GitHub's web-flow key, but signing.webFlow is reject: flux-warden accepts no commit GitHub signs (a button merge or squash, a web-UI edit), whoever pressed the button" }
    : !found.configured
      ? { accepted: false, detail: `the allowed key has GitHub's user id but is not the web-flow key configured in ${input.policy.signing.webFlowKey ?? "signing.webFlowKey"}${input.webFlow?.problem ? ` (${input.webFlow.problem})` : ""}` }
      : kind === "merge"
        ? judgeMerge(commit, statusOf)
        : kind === "squash"
          ? judgeSquash(commit, input.facts)
          : { accepted: false, detail: `GitHub's key signed a commit with ${commit.parents.length} parents, which no GitHub merge method makes` };
  const webFlow: WebFlowVerdict = { kind, accepted: outcome.accepted, detail: outcome.detail, ...(outcome.pull ? { pull: outcome.pull } : {}) };
  if (outcome.accepted) {
    return { ...verdict, verified: true, reason: "verified", signer: found.signer, tenants: [], detail: `signed by GitHub's web-flow key: ${outcome.detail}`, webFlow };
  }
  out.findings.push({
    rule: WEB_FLOW_RULE.id,
    severity: WEB_FLOW_RULE.severity,
    message: `Commit ${short(commit.sha)} "${verdict.subject}" is signed by GitHub's web-flow key ${fingerprint}, and ${outcome.detail}.`,
    remediation: WEB_FLOW_RULE.fix,
    path: null,
    line: null,
    commit: commit.sha,
    object: null,
  });
  return { ...verdict, tenants: [], webFlow };
}

/** Whether GitHub's web-flow key signed `commit`: the configured key (in the allowed set or not), or an allowed key with GitHub's user id. */
async function identify(commit: SourceCommit, verdict: CommitVerdict, webFlow: WebFlowTrust | undefined, now: Date): Promise<WebFlowSigner | null> {
  const keys = webFlow?.keyring.keys ?? [];
  if (verdict.verified && verdict.signer && keys.some((k) => k.fingerprint === verdict.signer!.fingerprint)) return { signer: verdict.signer, configured: true };
  if (keys.length && verdict.reason === "untrusted-key" && commit.signature) {
    const own = await verifySignature(commit.payload, commit.signature, webFlow!.keyring, now);
    if (own.reason === "verified" && own.signer) return { signer: own.signer, configured: true };
  }
  if (verdict.verified && verdict.signer && hasGitHubUserId(verdict.signer)) return { signer: verdict.signer, configured: false };
  return null;
}
