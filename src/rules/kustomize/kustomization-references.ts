import { arrayAt, isRecord, stringAt } from "../../manifests/read-value.js";
import type { ManifestObject, NodePath } from "../../manifests/types.js";
import { isKustomizeConfig } from "./is-kustomize-config.js";

/** One path (or URL) a kustomization reads. */
export interface KustomizeReference {
  /** The field it is listed under: `resources`, `components`, `secretGenerator.files`, … */
  field: string;
  at: NodePath;
  entry: string;
  /** Entries of `resources`/`components`/`bases` without a file extension are directories (other kustomizations). */
  directory: boolean;
}

/** Fields whose entries are kustomizations or manifests. */
const RESOURCE_FIELDS = ["resources", "components", "bases"];
/** Fields whose string entries are files (plugin configs, CRD schemas, strategic-merge patch files). */
const FILE_LIST_FIELDS = ["crds", "configurations", "generators", "transformers", "validators", "patchesStrategicMerge"];

/** Every local path or remote URL a kustomization reads, with where it is written. Inline content is not included. */
export function kustomizationReferences(object: ManifestObject): KustomizeReference[] {
  if (!isKustomizeConfig(object)) return [];
  const value = object.value;
  const refs: KustomizeReference[] = [];
  const add = (field: string, at: NodePath, entry: unknown, directory = false) => {
    // Inline strategic-merge patches and inline plugin configs are content, not paths.
    if (typeof entry === "string" && entry.trim() !== "" && !entry.includes("\n") && !entry.trim().startsWith("{")) refs.push({ field, at, entry: entry.trim(), directory });
  };
  for (const field of RESOURCE_FIELDS) {
    arrayAt(value, [field]).forEach((entry, i) => add(field, [field, i], entry, typeof entry === "string" && !/\.(?:ya?ml|json)$/i.test(entry)));
  }
  for (const field of FILE_LIST_FIELDS) arrayAt(value, [field]).forEach((entry, i) => add(field, [field, i], entry));
  for (const field of ["patches", "patchesJson6902", "replacements"]) {
    arrayAt(value, [field]).forEach((entry, i) => add(`${field}.path`, [field, i, "path"], stringAt(entry, ["path"])));
  }
  for (const generator of ["configMapGenerator", "secretGenerator"]) {
    arrayAt(value, [generator]).forEach((spec, i) => {
      if (!isRecord(spec)) return;
      // `files` entries may be `key=path`: the path is after the first `=`.
      arrayAt(spec, ["files"]).forEach((file, j) => add(`${generator}.files`, [generator, i, "files", j], typeof file === "string" ? file.slice(file.indexOf("=") + 1) : file));
      arrayAt(spec, ["envs"]).forEach((file, j) => add(`${generator}.envs`, [generator, i, "envs", j], file));
      add(`${generator}.env`, [generator, i, "env"], spec.env);
    });
  }
  add("openapi.path", ["openapi", "path"], stringAt(value, ["openapi", "path"]));
  return refs;
}
