import type { Decision } from "../engine/decision.js";
import { evaluate, type EvaluationInput } from "../engine/evaluate.js";
import { extendRepoIndex } from "../manifests/repo-index.js";
import type { ChangeSetRequest, ChangeSetSource, TreeReader } from "../sources/change-set.js";
import { loadTrust, type LoadTrustOptions } from "../trust/load-trust.js";
import { evidenceNeeds, needsNothing, type Evidence, type EvidenceNeeds } from "../web-flow/evidence.js";
import type { TrustCache } from "../trust/trust-cache.js";

export interface RunCheckInput {
  source: ChangeSetSource;
  request: ChangeSetRequest;
  policyFile?: LoadTrustOptions["policyFile"];
  now: Date;
  arrival?: EvaluationInput["arrival"];
  /** The app reads what only GitHub knows (reviews, memberships, merges, its own checks); the CLI has none. */
  gatherEvidence?: (needs: EvidenceNeeds) => Promise<Evidence>;
  /** The app keeps the trust of recent bases: the same base commit always yields the same trust. */
  trustCache?: TrustCache;
}

/**
 * The whole check, front-door agnostic: the CLI and the GitHub App both call this, so the developer's local verdict is
 * the bot's verdict. Sources do the I/O; trust comes from the base; the engine decides.
 *
 * Trust is read first because the policy decides what the change set must carry: with `automation:` signers, every
 * commit's own file contents (an image-automation commit is judged line by line against its parent).
 */
export async function runCheck({ source, request, policyFile, now, arrival, gatherEvidence, trustCache }: RunCheckInput): Promise<Decision> {
  const readTrust = (tree: TreeReader) => {
    const load = () => loadTrust(tree, { policyFile });
    // A `--policy` file is not part of the base: only the base's own trust may be shared between evaluations.
    return trustCache && !policyFile ? trustCache.get(tree.commit, load) : load();
  };
  const baseTree = source.tree(request.base);
  let baseTrust = await readTrust(baseTree);
  const commitContents = request.commitContents === true || baseTrust.policy.automation !== undefined;
  const changeSet = await source.changeSet({ ...request, commitContents });
  // A symbolic base could have moved between the two reads: trust must come from the base that was evaluated.
  if (baseTree.commit !== changeSet.base) baseTrust = await readTrust(source.tree(changeSet.base));
  const trust = { ...baseTrust, index: extendRepoIndex(baseTrust.index, changeSet.files) };
  const first = await evaluate({ changeSet, trust, now, arrival });
  // Evidence is read only when the first Decision depends on it (an approval could waive a blocking finding, GitHub
  // may have squashed a pull request, a push must have gone through the gate); then the engine decides again with it.
  const needs = gatherEvidence ? evidenceNeeds(first, arrival?.kind, trust.policy.signing.webFlow) : null;
  if (!gatherEvidence || !needs || needsNothing(needs)) return first;
  return evaluate({ changeSet, trust, now, arrival, evidence: await gatherEvidence(needs) });
}
