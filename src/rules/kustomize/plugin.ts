import { arrayAt } from "../../manifests/read-value.js";
import type { Hit, ObjectRule } from "../types.js";
import { isKustomizeConfig } from "./is-kustomize-config.js";

const PLUGIN_FIELDS = ["generators", "transformers", "validators"] as const;

/** A kustomization configuring generator, transformer or validator plugins. */
export const plugin: ObjectRule = {
  id: "kustomize/plugin",
  severity: "high",
  title: "Kustomization uses plugins",
  description: "A kustomization lists `generators`, `transformers` or `validators` (plugin configs, inline or as files).",
  why: "Plugins rewrite the build's output where no reviewer looks: a PatchTransformer can make every container privileged, a NamespaceTransformer can move objects into another namespace, and KRM function plugins run code. None of it is visible in the manifests this gate checks.",
  fix: "Use the kustomization's declarative fields (`patches`, `namespace`, `images`, `labels`) instead; they are evaluated by the gate.",
  examples: {
    bad: "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deploy.yaml\ntransformers:\n  - patch-all.yaml\n",
    good: "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deploy.yaml\nlabels:\n  - pairs:\n      team: payments\n",
  },
  scope: "object",
  check(object) {
    if (!isKustomizeConfig(object)) return [];
    const hits: Hit[] = [];
    for (const field of PLUGIN_FIELDS) {
      arrayAt(object.value, [field]).forEach((entry, i) => {
        const label = typeof entry === "string" && !entry.includes("\n") ? entry : `inline #${i + 1}`;
        hits.push({ message: `${field} entry ${label} is a plugin whose output the gate cannot see.`, at: [field, i], key: `${field}:${typeof entry === "string" ? entry : JSON.stringify(entry)}` });
      });
    }
    return hits;
  },
};
