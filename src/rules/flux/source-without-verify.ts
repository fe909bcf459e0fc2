import { recordAt } from "../../manifests/read-value.js";
import type { ChangeRule } from "../types.js";
import { FLUX_SOURCE_GROUP } from "./flux-objects.js";

/** The kinds whose content Flux can verify with `spec.verify` and applies as manifests. */
const VERIFIABLE = new Set(["GitRepository", "OCIRepository"]);

const source = (verify: string) =>
  `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: payments\n  namespace: flux-system\nspec:\n  interval: 5m\n  url: ssh://git@github.com/example/payments\n  ref:\n    branch: main\n${verify}`;

/** A new Git or OCI source that Flux will fetch and apply without verifying signatures. */
export const sourceWithoutVerify: ChangeRule = {
  id: "flux/source-without-verify",
  severity: "medium",
  title: "New source without signature verification",
  description:
    "A GitRepository or OCIRepository added by the change (no object with its identity exists at base, in any file) has no `spec.verify`. Sources that already existed are not reported: removing or weakening their verification is `flux/source-verify-weakened`'s job, and a source that never had it is a risk the repository already carried.",
  why: "Whatever a Kustomization built from this source contains is applied as is: anyone who can push to that repository or registry — or steal its deploy key or registry token — gets their manifests into the cluster without the signature check that this gate and Flux apply to the main repository (threat model, adversary 1).",
  fix: "Add `spec.verify` (GitRepository: `mode: HEAD` and a `secretRef` to the allowed keys Secret; OCIRepository: `provider: cosign` or `notation` with the trusted keys or identities).",
  examples: { bad: source(""), good: source("  verify:\n    mode: HEAD\n    secretRef:\n      name: allowed-signing-keys\n") },
  judgesMissingFields: true,
  scope: "change",
  check({ base, head }) {
    if (base || !head || head.group !== FLUX_SOURCE_GROUP || !VERIFIABLE.has(head.kind) || recordAt(head.value, ["spec", "verify"]) !== null) return [];
    return [{ message: "is a new source without spec.verify: Flux applies whatever it fetches from it unverified.", at: ["spec"], key: "no-verify" }];
  },
};
