import { posix } from "node:path";
import type { TreeReader } from "../sources/change-set.js";
import { MAX_KEY_BYTES } from "./key-limits.js";
import type { KeyEntry, KeyProblem } from "./keyring.js";
import { asRecord, parseYamlObjects } from "./parse-yaml-objects.js";
import { secretEntries, type CollectedEntries } from "./secret-entries.js";
import { readSecretGenerator, secretGeneratorsOf, type SecretGenerator } from "./secret-generator.js";

/** A GitRepository that verifies commits, and the Secret it names. */
interface VerifyingRepository {
  path: string;
  id: string;
  namespace: string | null;
  secretName: string;
}

interface SecretManifest {
  path: string;
  name: string;
  namespace: string | null;
  object: Record<string, unknown>;
}

const KUSTOMIZATION_FILES = new Set(["kustomization.yaml", "kustomization.yml", "Kustomization"]);
/** Files read per `readMany` call: bounds memory on large repositories. */
const BATCH = 500;

/**
 * Key discovery for a policy that lists no keys: the Secrets that the tree's Flux `GitRepository` objects name in
 * `spec.verify.secretRef`, found as Secret manifests or kustomize `secretGenerator`s in the same tree. A GitRepository
 * and a Secret match by name when their namespaces agree; a missing namespace (set later by kustomize or Flux) matches
 * any. Only files whose text mentions `GitRepository`, `Secret` or `secretGenerator` are parsed.
 */
export async function discoverKeyEntries(tree: TreeReader): Promise<CollectedEntries> {
  const problems: KeyProblem[] = [];
  const repositories: VerifyingRepository[] = [];
  const candidates = new Map<string, string>();
  const files = (await tree.list()).filter((e) => e.kind === "file" && e.size <= MAX_KEY_BYTES && isYamlPath(e.path));
  for (let i = 0; i < files.length; i += BATCH) {
    const contents = await tree.readMany(files.slice(i, i + BATCH).map((e) => e.path));
    for (const [path, bytes] of contents) {
      const text = Buffer.from(bytes).toString("utf8");
      if (text.includes("GitRepository")) repositories.push(...verifyingRepositories(path, text, problems));
      if (text.includes("Secret") || text.includes("secretGenerator")) candidates.set(path, text);
    }
  }
  if (repositories.length === 0) {
    return { entries: [], problems: [...problems, { source: "signing.keys", message: "no keys listed and no GitRepository in the base tree sets spec.verify.secretRef: list the allowed keys in the policy's signing.keys" }] };
  }

  const wanted = new Set(repositories.map((r) => r.secretName));
  const secrets: SecretManifest[] = [];
  const generators: SecretGenerator[] = [];
  for (const [path, text] of candidates) {
    if (![...wanted].some((name) => text.includes(name))) continue;
    const { objects, error } = parseYamlObjects(text);
    if (error) problems.push({ source: path, message: `skipped while looking for verification Secrets: not readable YAML (${error})` });
    for (const object of objects) {
      const meta = asRecord(object.metadata);
      if (object.kind === "Secret" && typeof meta?.name === "string" && wanted.has(meta.name)) {
        secrets.push({ path, name: meta.name, namespace: stringOrNull(meta.namespace), object });
      } else if (KUSTOMIZATION_FILES.has(posix.basename(path)) && isKustomizeConfig(object)) {
        generators.push(...secretGeneratorsOf(object, path).filter((g) => wanted.has(g.name)));
      }
    }
  }

  const entries: KeyEntry[] = [];
  const used = new Set<object>();
  for (const repo of repositories) {
    const fits = (name: string, ns: string | null) => name === repo.secretName && (ns === null || repo.namespace === null || ns === repo.namespace);
    const found = [...secrets.filter((s) => fits(s.name, s.namespace)), ...generators.filter((g) => fits(g.name, g.namespace))];
    if (found.length === 0) {
      problems.push({ source: `${repo.path}#${repo.id}`, message: `verifies with Secret "${repo.secretName}", which is neither a Secret manifest nor a kustomize secretGenerator in the base tree (created out of band?): list its keys in the policy's signing.keys` });
    }
    for (const source of found) {
      if (used.has(source)) continue;
      used.add(source);
      const result = "object" in source ? secretEntries(source.object, source.path) : await readSecretGenerator(tree, source);
      entries.push(...result.entries);
      problems.push(...result.problems);
    }
  }
  return { entries, problems };
}

function verifyingRepositories(path: string, text: string, problems: KeyProblem[]): VerifyingRepository[] {
  const { objects, error } = parseYamlObjects(text);
  if (error) problems.push({ source: path, message: `skipped while looking for GitRepository objects: not readable YAML (${error})` });
  return objects.flatMap((object) => {
    if (object.kind !== "GitRepository" || !String(object.apiVersion ?? "").startsWith("source.toolkit.fluxcd.io/")) return [];
    const meta = asRecord(object.metadata);
    const secretName = asRecord(asRecord(asRecord(object.spec)?.verify)?.secretRef)?.name;
    if (typeof secretName !== "string" || secretName === "") return [];
    const namespace = stringOrNull(meta?.namespace);
    const id = `GitRepository ${namespace ? `${namespace}/` : ""}${String(meta?.name ?? "(unnamed)")}`;
    return [{ path, id, namespace, secretName }];
  });
}

function isKustomizeConfig(object: Record<string, unknown>): boolean {
  const apiVersion = object.apiVersion;
  return apiVersion === undefined || (typeof apiVersion === "string" && apiVersion.startsWith("kustomize.config.k8s.io/"));
}

function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path) || posix.basename(path) === "Kustomization";
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
