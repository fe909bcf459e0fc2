import type { TreeReader } from "../sources/change-set.js";
import { asRecord, parseYamlObjects } from "./parse-yaml-objects.js";
import { MAX_KEY_BYTES } from "./key-limits.js";
import { secretEntries, type CollectedEntries } from "./secret-entries.js";

/**
 * A `{secret: path}` key source: every `kind: Secret` document of that (multi-document) YAML file. When the file
 * holds several Secrets, sources name each one: `path#<secret>/<entry>`. Missing file, unreadable YAML or no Secret
 * in it are problems, never throws for content (only when the tree itself cannot be read).
 */
export async function readSecretFile(tree: TreeReader, path: string): Promise<CollectedEntries> {
  const fail = (message: string): CollectedEntries => ({ entries: [], problems: [{ source: path, message }] });
  const bytes = await tree.read(path);
  if (!bytes) return fail(`no such file in the base tree (${tree.commit.slice(0, 12)}): the policy's signing.keys names it`);
  if (bytes.length > MAX_KEY_BYTES) return fail(`is ${bytes.length} bytes, over the 1 MiB limit for key files; not read`);
  const { objects, error } = parseYamlObjects(Buffer.from(bytes).toString("utf8"));
  if (error) return fail(`is not readable YAML: ${error}`);
  const secrets = objects.filter((o) => o.kind === "Secret");
  if (secrets.length === 0) {
    const kinds = objects.map((o) => String(o.kind ?? "(no kind)"));
    return fail(`holds no kind: Secret document${kinds.length ? ` (found: ${kinds.join(", ")})` : ""}`);
  }
  const results = secrets.map((secret) => {
    const name = String(asRecord(secret.metadata)?.name ?? "(unnamed)");
    return secretEntries(secret, path, secrets.length > 1 ? name : undefined);
  });
  return { entries: results.flatMap((r) => r.entries), problems: results.flatMap((r) => r.problems) };
}
