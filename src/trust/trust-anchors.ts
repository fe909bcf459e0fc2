import { matchesGlob } from "../policy/tenants.js";
import type { Policy } from "../policy/schema.js";

/** What a trust file decides, for messages: who is trusted and how. */
export type AnchorRole = "the flux-warden policy" | "the allowed signing keys" | "GitHub's web-flow key";

/**
 * The files of the base tree that decide whom the gate (and Flux) trusts: the policy file, every file the allowed keys
 * were read from (a Secret manifest, a key file, a discovered verification Secret), the key-file globs a new file
 * would join, and the web-flow key. A change to one is judged by the base's version, and takes effect after it merges.
 */
export interface TrustAnchors {
  paths: ReadonlyMap<string, AnchorRole>;
  /** `signing.keys` `file:` globs: a file added under one becomes an allowed key. */
  keyGlobs: readonly string[];
}

export const NO_TRUST_ANCHORS: TrustAnchors = { paths: new Map(), keyGlobs: [] };

/** The anchors of a base: `keySources` are the `source` of each key entry read (`path` or `path#secret/entry`). */
export function trustAnchors(policy: Policy, policyPath: string | null, keySources: readonly string[]): TrustAnchors {
  const paths = new Map<string, AnchorRole>();
  for (const source of keySources) paths.set(source.split("#")[0]!, "the allowed signing keys");
  for (const spec of policy.signing.keys ?? []) if ("secret" in spec) paths.set(spec.secret, "the allowed signing keys");
  if (policy.signing.webFlowKey) paths.set(policy.signing.webFlowKey, "GitHub's web-flow key");
  if (policyPath !== null) paths.set(policyPath, "the flux-warden policy");
  const keyGlobs = (policy.signing.keys ?? []).flatMap((spec) => ("file" in spec ? [spec.file] : []));
  return { paths, keyGlobs };
}

/** What `path` decides, or null when it is not a trust anchor. */
export function anchorRole(anchors: TrustAnchors, path: string): AnchorRole | null {
  return anchors.paths.get(path) ?? (anchors.keyGlobs.some((glob) => matchesGlob(path, glob)) ? "the allowed signing keys" : null);
}
