import { recordAt, stringAt } from "../../manifests/read-value.js";
import type { ChangeHit, ChangeRule } from "../types.js";
import { isFluxSource } from "./flux-objects.js";

/** GitRepository `verify.mode` strength: TagAndHEAD checks both the tag and the commit it points to. */
const MODE_STRENGTH: Record<string, number> = { TagAndHEAD: 2, HEAD: 1, Tag: 1 };

const source = (verify: string) =>
  `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: ssh://git@github.com/example/fleet\n  ref:\n    branch: main\n${verify}`;

/** A Flux source whose signature verification is removed or weakened by the change. */
export const sourceVerifyWeakened: ChangeRule = {
  id: "flux/source-verify-weakened",
  severity: "critical",
  title: "Source signature verification removed or weakened",
  description:
    "A GitRepository, OCIRepository, HelmChart or Bucket had `spec.verify` at base and the change removes it, lowers the GitRepository mode (TagAndHEAD to HEAD or Tag, or switches between HEAD and Tag), changes the keys Secret (`verify.secretRef`), the provider, or the accepted keyless identities (`matchOIDCIdentity`).",
  why: "Verification is what makes Flux refuse content not signed by an allowed key; it is the control this gate mirrors. Removing it, or pointing it at a Secret with different keys, lets unsigned or attacker-signed commits and artifacts be applied (threat model, adversary 1) — and the change that does it looks like a one-line cleanup.",
  fix: "Keep `spec.verify` with the same or a stronger mode and the same keys Secret; rotate keys by editing the keys Secret's content in a reviewed change, not by swapping the reference.",
  examples: {
    bad: "# base had verify (mode: HEAD, secretRef: allowed-keys); head:\n" + source(""),
    good: source("  verify:\n    mode: HEAD\n    secretRef:\n      name: allowed-keys\n"),
  },
  scope: "change",
  check({ base, head }) {
    if (!base || !head || !isFluxSource(base) || !isFluxSource(head)) return [];
    const before = recordAt(base.value, ["spec", "verify"]);
    if (before === null) return [];
    const after = recordAt(head.value, ["spec", "verify"]);
    if (after === null) return [{ message: "spec.verify was removed: Flux no longer checks signatures on this source.", at: ["spec"], key: "verify:removed" }];
    const hits: ChangeHit[] = [];
    // v1beta2 spelled the only mode `head`; v1 still accepts it and defaults to HEAD.
    const mode = (verify: Record<string, unknown>) => (stringAt(verify, ["mode"]) ?? "HEAD").replace(/^head$/, "HEAD");
    const [from, to] = [mode(before), mode(after)];
    if (head.kind === "GitRepository" && from !== to) {
      const weaker = (MODE_STRENGTH[to] ?? 0) < (MODE_STRENGTH[from] ?? 0) || ((MODE_STRENGTH[to] ?? 0) === MODE_STRENGTH[from] && to !== from);
      if (weaker) hits.push({ message: `spec.verify.mode changed from ${from} to ${to}: fewer commits or tags are verified.`, at: ["spec", "verify", "mode"], key: `mode:${from}->${to}` });
    }
    const [keysBefore, keysAfter] = [stringAt(before, ["secretRef", "name"]), stringAt(after, ["secretRef", "name"])];
    if (keysBefore !== keysAfter) {
      hits.push({
        message: `spec.verify.secretRef changed from ${keysBefore ?? "(none)"} to ${keysAfter ?? "(none: keyless, any identity matchOIDCIdentity accepts)"}: different keys are trusted.`,
        at: keysAfter === null ? ["spec", "verify"] : ["spec", "verify", "secretRef", "name"],
        key: `secretRef:${keysBefore}->${keysAfter}`,
      });
    }
    const [providerBefore, providerAfter] = [stringAt(before, ["provider"]), stringAt(after, ["provider"])];
    if (providerBefore !== providerAfter) {
      hits.push({ message: `spec.verify.provider changed from ${providerBefore ?? "(default)"} to ${providerAfter ?? "(default)"}.`, at: ["spec", "verify", "provider"], key: `provider:${providerBefore}->${providerAfter}` });
    }
    if (JSON.stringify(before.matchOIDCIdentity ?? null) !== JSON.stringify(after.matchOIDCIdentity ?? null)) {
      hits.push({ message: "spec.verify.matchOIDCIdentity changed: different signing identities are accepted.", at: ["spec", "verify", "matchOIDCIdentity"], key: `oidc:${JSON.stringify(after.matchOIDCIdentity ?? null)}` });
    }
    return hits;
  },
};
