import type { Trust } from "../engine/evaluate.js";
import type { TreeReader } from "../sources/change-set.js";
import { POLICY_PATH, defaultPolicy, parsePolicy } from "../policy/load-policy.js";
import type { Policy } from "../policy/schema.js";
import type { PolicyRef } from "../engine/decision.js";
import { collectKeyEntries } from "../signatures/key-sources.js";
import { readKeyring } from "../signatures/read-keyring.js";
import { buildRepoIndex } from "../manifests/repo-index.js";
import { loadWebFlowTrust } from "../web-flow/web-flow-trust.js";
import { trustAnchors } from "./trust-anchors.js";

export interface LoadTrustOptions {
  /** A policy file given explicitly (`--policy`), instead of the base's. */
  policyFile?: { path: string; text: string };
}

/**
 * Reads everything the engine trusts from the BASE tree — the policy, the allowed keys, repository-wide facts — and
 * never from the change under review: a change that edits the policy to grant itself more is judged by the old one.
 * Throws `PolicyError` for an invalid policy (the caller fails closed).
 */
export async function loadTrust(base: TreeReader, options: LoadTrustOptions = {}): Promise<Trust> {
  // The repository index reads every manifest of the base first: through the API that is one archive of the base,
  // which then also holds the policy and the key files (three requests fewer per evaluation than reading them first).
  // The change's own CRDs are added by the caller once the change set is read (`extendRepoIndex`).
  const index = await buildRepoIndex(base, []);
  const { policy, policyRef } = await loadPolicy(base, options.policyFile);
  const collected = await collectKeyEntries(base, policy.signing.keys);
  const keyring = await readKeyring(collected.entries);
  const webFlow = await loadWebFlowTrust(base, policy);
  return {
    policy,
    policyRef,
    keyring: { keys: keyring.keys, problems: [...collected.problems, ...keyring.problems] },
    index,
    anchors: trustAnchors(policy, POLICY_PATH, collected.entries.map((entry) => entry.source)),
    ...(webFlow ? { webFlow } : {}),
  };
}

async function loadPolicy(base: TreeReader, file: LoadTrustOptions["policyFile"]): Promise<{ policy: Policy; policyRef: PolicyRef }> {
  if (file) {
    return { policy: parsePolicy(file.text, file.path), policyRef: { path: file.path, ref: null, blob: null, source: "file" } };
  }
  const entry = (await base.list()).find((e) => e.path === POLICY_PATH);
  if (!entry || entry.kind !== "file") {
    const { policy } = defaultPolicy();
    return { policy, policyRef: { path: "policies/default.yml", ref: base.commit, blob: null, source: "default" } };
  }
  const bytes = await base.read(POLICY_PATH);
  if (!bytes) throw new Error(`${POLICY_PATH} is listed in the base tree ${base.commit} but could not be read`);
  const policy = parsePolicy(Buffer.from(bytes).toString("utf8"), `${POLICY_PATH} at ${base.commit.slice(0, 12)}`);
  return { policy, policyRef: { path: POLICY_PATH, ref: base.commit, blob: entry.oid, source: "base" } };
}
