import type { Policy } from "../policy/schema.js";
import type { Keyring } from "../signatures/keyring.js";

/**
 * The keys Flux itself verifies HEAD with: the entries of verification Secrets — `secret:` sources, or every key when
 * the policy lists none and they were discovered through GitRepository `spec.verify.secretRef`. `file:` keys are
 * flux-warden's alone: a commit they sign passes the gate, yet Flux (which never reads them) rejects it as HEAD.
 */
export function fluxSecretKeyring(keyring: Keyring, policy: Policy): Keyring {
  const specs = policy.signing.keys;
  if (specs === undefined) return { keys: keyring.keys, problems: [] };
  const secrets = specs.flatMap((spec) => ("secret" in spec ? [spec.secret] : []));
  // Secret entries are recorded as `<file>#<entry>` (or `<file>#<secret>/<entry>`): the file names the source.
  const keys = keyring.keys.filter((key) => secrets.some((path) => key.source.startsWith(`${path}#`)));
  return { keys, problems: [] };
}
