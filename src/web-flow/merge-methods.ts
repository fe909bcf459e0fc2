import type { MergeMethodAdvice, MergeMethodVerdict } from "../engine/decision.js";
import type { Policy } from "../policy/schema.js";
import type { Keyring } from "../signatures/keyring.js";
import { verifySignature } from "../signatures/verify-signature.js";
import type { ChangeSet } from "../sources/change-set.js";
import { fluxSecretKeyring } from "./flux-keyring.js";
import { short } from "./judge-merge.js";
import { hasGitHubUserId, type WebFlowTrust } from "./web-flow-trust.js";

export interface MergeMethodInput {
  changeSet: ChangeSet;
  policy: Policy;
  keyring: Keyring;
  webFlow: WebFlowTrust | undefined;
  now: Date;
}

/**
 * Which of GitHub's merge methods leave a HEAD that Flux — verifying HEAD with the keys of the base's Secret, never
 * flux-warden's `file:` keys — will accept: merge and squash commits are signed by GitHub's web-flow key, rebase
 * merging drops signatures, and a fast-forward (pushing the verified head, or a merge queue that fast-forwards) keeps
 * the pull request's last commit as HEAD.
 */
export async function adviseMergeMethods(input: MergeMethodInput): Promise<MergeMethodAdvice> {
  const flux = fluxSecretKeyring(input.keyring, input.policy);
  const fluxKeys = flux.keys.map((k) => k.fingerprint);
  const webFlowKeys = input.webFlow?.keyring.keys.map((k) => k.fingerprint) ?? [];
  const inFluxSecret = webFlowKeys.length ? webFlowKeys.some((fp) => fluxKeys.includes(fp)) : null;
  const webFlowKey = { path: input.webFlow?.path ?? null, fingerprints: webFlowKeys, inFluxSecret, problem: input.webFlow?.problem ?? null };
  const noSecret = "the policy names no Flux verification Secret (only `file:` keys), so what Flux verifies HEAD with is unknown";
  const gate = input.policy.signing.webFlow === "merge-commits"
    ? " flux-warden's push check accepts it as GitHub's merge of this verified pull request (signing.webFlow: merge-commits)."
    : " flux-warden's push check rejects it anyway (signing.webFlow: reject).";

  const byButton = (method: "merge-commit" | "squash", what: string): MergeMethodVerdict => {
    const extra = method === "squash" ? " Squash only a pull request that is up to date with its base." : "";
    if (!fluxKeys.length) return { method, flux: "unknown", detail: `HEAD would be ${what} signed by GitHub's web-flow key; ${noSecret}.` };
    if (inFluxSecret === null) {
      const lookalike = flux.keys.find(hasGitHubUserId);
      const guess = lookalike
        ? `the Secret holds a key with GitHub's user id (${lookalike.fingerprint}), so Flux likely accepts it — set signing.webFlowKey to be sure`
        : "unless the Secret holds GitHub's key, Flux rejects it (likely)";
      return { method, flux: "unknown", detail: `HEAD would be ${what} signed by GitHub's web-flow key, which is not configured (signing.webFlowKey${input.webFlow?.problem ? `: ${input.webFlow.problem}` : ""}): ${guess}.${gate}` };
    }
    const verdict = inFluxSecret
      ? "it is in the Flux Secret's allowed-signing-keys, so Flux accepts it."
      : "it is not in the Flux Secret's allowed-signing-keys, so Flux rejects it and stops applying.";
    return { method, flux: inFluxSecret ? "accepts" : "rejects", detail: `HEAD would be ${what} signed by GitHub's web-flow key: ${verdict}${gate}${extra}` };
  };

  const methods: MergeMethodVerdict[] = [
    byButton("merge-commit", "a merge commit"),
    byButton("squash", "a squash commit"),
    { method: "rebase", flux: "rejects", detail: "GitHub rewrites every commit and drops their signatures: HEAD would be unsigned, so Flux rejects it." },
    await fastForward(input, flux, fluxKeys.length ? null : noSecret),
  ];
  return { fluxKeys, webFlowKey, methods };
}

async function fastForward(input: MergeMethodInput, flux: Keyring, unknown: string | null): Promise<MergeMethodVerdict> {
  const method = "fast-forward";
  const head = input.changeSet.commits.find((c) => c.sha === input.changeSet.head);
  const what = `HEAD would be the pull request's last commit ${short(input.changeSet.head)} (push the verified head, or use a merge queue that fast-forwards)`;
  if (unknown) return { method, flux: "unknown", detail: `${what}; ${unknown}.` };
  if (!head) return { method, flux: "unknown", detail: `${what}, which is not part of the change.` };
  const verdict = await verifySignature(head.payload, head.signature, flux, input.now);
  return verdict.reason === "verified"
    ? { method, flux: "accepts", detail: `${what}: it verifies with the Flux Secret's keys (${verdict.signer?.fingerprint}), so Flux accepts it.` }
    : { method, flux: "rejects", detail: `${what}: it does not verify with the Flux Secret's keys (${verdict.detail}), so Flux rejects it.` };
}
