import type { CommitVerdict } from "../engine/decision.js";
import type { RuleFinding } from "../engine/finding.js";
import { BRANCH_RULES, type GateRule } from "../engine/gate-rules.js";
import type { Policy } from "../policy/schema.js";
import type { Keyring } from "../signatures/keyring.js";
import { verifySignature } from "../signatures/verify-signature.js";
import type { ChangeSet } from "../sources/change-set.js";
import { fluxSecretKeyring } from "./flux-keyring.js";
import { gatingPull, type GitHubFacts } from "./github-facts.js";
import { short } from "./judge-merge.js";

export interface PushInput {
  changeSet: ChangeSet;
  commits: CommitVerdict[];
  policy: Policy;
  keyring: Keyring;
  now: Date;
  /** What the app read about the pushed head; undefined when nothing was read (fails closed). */
  facts: GitHubFacts | undefined;
}

/**
 * A push to the default branch, judged after the fact: will Flux accept its HEAD (`branch/flux-will-reject`), and
 * did it go through the gate (`branch/gate-bypassed`)? The commits themselves are judged as always; these findings
 * are about the branch as Flux now sees it.
 */
export async function pushFindings(input: PushInput): Promise<RuleFinding[]> {
  const { changeSet } = input;
  const head = changeSet.commits.find((c) => c.sha === changeSet.head);
  if (!head) return [];
  const findings: RuleFinding[] = [];
  const subject = head.message.split("\n", 1)[0] ?? "";
  const flux = fluxSecretKeyring(input.keyring, input.policy);
  // With no Secret keys the policy names only flux-warden's own keys: what Flux checks HEAD against is unknown.
  if (flux.keys.length) {
    const verdict = await verifySignature(head.payload, head.signature, flux, input.now);
    if (verdict.reason !== "verified") {
      findings.push(finding(BRANCH_RULES.fluxWillReject, head.sha,
        `Flux will stop applying at ${short(head.sha)} "${subject}": it verifies only HEAD, and HEAD does not verify with the ${flux.keys.length} key(s) of the Flux verification Secret (${verdict.detail}). The cluster stays on the last verified revision (SourceVerified=False) until HEAD verifies.`));
    }
  }
  // Flux's image-automation controller pushes straight to the branch: for its commits the automation check (every
  // change a setter-marked image reference within the base's ImagePolicy) is the gate, and it has already run.
  const automationOnly = input.commits.length > 0 && input.commits.every((c) => c.verified && c.automation);
  const bypass = automationOnly ? null : gateProblem(input.facts, head.sha, input.commits);
  if (bypass) findings.push(finding(BRANCH_RULES.gateBypassed, head.sha, bypass));
  return findings;
}

/** Why the pushed head did not go through the gate, or null when it did. */
function gateProblem(facts: GitHubFacts | undefined, head: string, commits: CommitVerdict[]): string | null {
  const at = `${short(head)} reached the default branch`;
  if (!facts) return `${at}, and whether it went through the gate could not be established: GitHub's record of flux-warden's checks was not read.`;
  const error = facts.errors[head];
  if (error) return `${at}, and whether it went through the gate could not be established (${error}); failing closed.`;
  if (gatingPull(facts, head)) return null;
  const merged = facts.mergedPulls[head];
  const own = facts.checks[head]?.find((c) => c.kind === "pull_request" || c.kind === "merge_group");
  const why = merged
    ? `GitHub merged pull request #${merged.number} into it, but flux-warden never passed that pull request's head ${short(merged.head)}`
    : own
      ? `flux-warden's check of it on a pull request concluded ${own.conclusion ?? "nothing"}`
      : "flux-warden never passed it on a pull request or in a merge queue, and GitHub knows no pull request it merged into it";
  const webFlow = commits.find((c) => c.sha === head)?.webFlow;
  return `${at} without the gate: ${why}${webFlow && !webFlow.accepted ? ` (it is signed by GitHub's web-flow key: ${webFlow.detail})` : ""}. A direct push, or a merge that skipped the required check.`;
}

function finding(rule: GateRule, commit: string, message: string): RuleFinding {
  return { rule: rule.id, severity: rule.severity, message, remediation: rule.fix, path: null, line: null, commit, object: null };
}
