import type { KeySourceSpec } from "../policy/schema.js";
import type { TreeReader } from "../sources/change-set.js";
import { discoverKeyEntries } from "./discover-key-entries.js";
import type { KeyEntry, KeyProblem } from "./keyring.js";
import { readKeyFiles } from "./read-key-files.js";
import { readSecretFile } from "./read-secret-file.js";

/**
 * Collects the raw key entries of the allowed-signing-keys set from the BASE tree, for `readKeyring`:
 * - `{secret: path}` → the entries of the Secret manifest(s) in that file (`data` and `stringData`);
 * - `{file: glob}` → every matching file, one entry each, named by its base name;
 * - `undefined` (the policy lists no keys) → discovery through the tree's GitRepository `spec.verify.secretRef`.
 *
 * Content problems (missing file, bad YAML, no Secret, bad base64) are returned, never thrown; it throws only when the
 * tree itself cannot be listed or read, which the caller must treat as "could not evaluate".
 *
 * @example
 * const { entries, problems } = await collectKeyEntries(baseTree, policy.signing.keys);
 * const keyring = await readKeyring(entries);
 */
export async function collectKeyEntries(
  tree: TreeReader,
  specs: KeySourceSpec[] | undefined,
): Promise<{ entries: KeyEntry[]; problems: KeyProblem[] }> {
  if (specs === undefined) return discoverKeyEntries(tree);
  const results = [];
  for (const spec of specs) {
    results.push("secret" in spec ? await readSecretFile(tree, spec.secret) : await readKeyFiles(tree, spec.file));
  }
  return { entries: results.flatMap((r) => r.entries), problems: results.flatMap((r) => r.problems) };
}
