import { arrayAt, stringAt } from "../../manifests/read-value.js";
import type { Hit, ObjectRule } from "../types.js";
import { isKustomizeConfig } from "./is-kustomize-config.js";

/** A secretGenerator with `literals`: secret values committed in plain text. */
export const secretGeneratorLiteral: ObjectRule = {
  id: "kustomize/secret-generator-literal",
  severity: "medium",
  title: "secretGenerator with plaintext literals",
  description: "A kustomization's `secretGenerator` has `literals` (`KEY=value` pairs written in the kustomization itself). Only the key names are reported, never the values.",
  why: "The value is in Git in plain text: everyone who can clone the repository (and every fork, backup and CI log) has it, and it stays in history after it is removed. It is medium because it leaks a credential rather than granting cluster power by itself.",
  fix: "Remove the literal, rotate the secret, and generate it from a SOPS-encrypted env file (`envs:`) that Flux decrypts, or use an ExternalSecret.",
  examples: {
    bad: "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nsecretGenerator:\n  - name: db\n    literals:\n      - password=hunter2\n",
    good: "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nsecretGenerator:\n  - name: db\n    envs:\n      - db.enc.env  # SOPS-encrypted, decrypted by Flux\n",
  },
  scope: "object",
  check(object) {
    if (!isKustomizeConfig(object)) return [];
    const hits: Hit[] = [];
    arrayAt(object.value, ["secretGenerator"]).forEach((generator, i) => {
      const name = stringAt(generator, ["name"]) ?? `#${i + 1}`;
      arrayAt(generator, ["literals"]).forEach((literal, j) => {
        const key = String(literal).split("=")[0]!.trim();
        hits.push({ message: `secretGenerator ${name} has literal ${key} in plain text.`, at: ["secretGenerator", i, "literals", j], key: `${name}:${key}` });
      });
    });
    return hits;
  },
};
