import { posix } from "node:path";
import type { TreeReader } from "../sources/change-set.js";
import { MAX_KEY_BYTES } from "./key-limits.js";
import type { KeyEntry, KeyProblem } from "./keyring.js";
import { asRecord } from "./parse-yaml-objects.js";
import type { CollectedEntries } from "./secret-entries.js";

/** A kustomize `secretGenerator` item that can produce a verification Secret. */
export interface SecretGenerator {
  /** The kustomization file that declares it. */
  kustomizationPath: string;
  name: string;
  /** The generator's `namespace`, else the kustomization's, else null (unknown: matches any). */
  namespace: string | null;
  /** The raw `files:` items (`name=path` or `path`, relative to the kustomization's directory). */
  files: unknown[];
}

/** The `secretGenerator` items of a kustomization document (kustomize.config.k8s.io), with a name. */
export function secretGeneratorsOf(kustomization: Record<string, unknown>, path: string): SecretGenerator[] {
  const generators = kustomization.secretGenerator;
  if (!Array.isArray(generators)) return [];
  const defaultNamespace = typeof kustomization.namespace === "string" ? kustomization.namespace : null;
  return generators.flatMap((item: unknown) => {
    const g = asRecord(item);
    if (!g || typeof g.name !== "string") return [];
    const namespace = typeof g.namespace === "string" ? g.namespace : defaultNamespace;
    return [{ kustomizationPath: path, name: g.name, namespace, files: Array.isArray(g.files) ? g.files : [] }];
  });
}

/**
 * Reads the files a generator puts into its Secret, as kustomize does: `name=path` or `path` (entry named by the base
 * name), relative to the kustomization's directory; paths may climb with `..` but never leave the repository.
 * `literals` and `envs` are not read: they cannot sensibly hold armored keys.
 */
export async function readSecretGenerator(tree: TreeReader, generator: SecretGenerator): Promise<CollectedEntries> {
  const where = `${generator.kustomizationPath}#secretGenerator/${generator.name}`;
  const problems: KeyProblem[] = [];
  const wanted: Array<{ name: string; path: string }> = [];
  for (const item of generator.files) {
    if (typeof item !== "string" || item.trim() === "") {
      problems.push({ source: where, message: "a files: item is not a string" });
      continue;
    }
    const eq = item.indexOf("=");
    const [name, relative] = eq === -1 ? [posix.basename(item.trim()), item.trim()] : [item.slice(0, eq).trim(), item.slice(eq + 1).trim()];
    const path = resolveInRepo(posix.dirname(generator.kustomizationPath), relative);
    if (path === null) problems.push({ source: where, message: `files: ${JSON.stringify(item)} points outside the repository` });
    else wanted.push({ name, path });
  }
  if (wanted.length === 0 && problems.length === 0) problems.push({ source: where, message: "has no files: entries to read keys from" });

  const contents = await tree.readMany(wanted.map((w) => w.path));
  const entries: KeyEntry[] = [];
  for (const { name, path } of wanted) {
    const bytes = contents.get(path);
    const source = name === posix.basename(path) ? path : `${path} (as ${name})`;
    if (!bytes) problems.push({ source, message: `is named by ${where} but is not in the base tree` });
    else if (bytes.length > MAX_KEY_BYTES) problems.push({ source, message: `is ${bytes.length} bytes, over the 1 MiB limit for key files; not read` });
    else entries.push({ name, source, bytes });
  }
  return { entries, problems };
}

/** `relative` resolved against the repository directory `dir`; null when absolute or climbing out of the repository. */
function resolveInRepo(dir: string, relative: string): string | null {
  if (relative.startsWith("/")) return null;
  const joined = posix.normalize(posix.join(dir === "." ? "" : dir, relative));
  return joined === ".." || joined.startsWith("../") || joined === "." ? null : joined;
}
