import { GATE_RULES } from "../engine/gate-rules.js";
import { FLUX_RULES } from "./flux/flux-rules.js";
import { KUSTOMIZE_RULES } from "./kustomize/kustomize-rules.js";
import { MANIFEST_RULES } from "./manifest/manifest-rules.js";
import { RBAC_RULES } from "./rbac/rbac-rules.js";
import { TENANCY_RULES } from "./tenancy/tenancy-rules.js";
import type { Rule } from "./types.js";
import { validateCatalogue } from "./validate-catalogue.js";

/**
 * Every manifest rule, validated when this module loads (a broken catalogue throws before any check runs). To add a
 * rule: write it in its family folder, list it in the family's `*-rules.ts`, add fixtures under
 * `fixtures/manifests/rules/<family>/<name>/`, and run `npm run docs:rules`.
 */
export const RULES: readonly Rule[] = Object.freeze(
  validateCatalogue(
    [...MANIFEST_RULES, ...TENANCY_RULES, ...RBAC_RULES, ...KUSTOMIZE_RULES, ...FLUX_RULES],
    GATE_RULES.map((rule) => rule.id),
  ),
);

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

/** The manifest rule with this id, if any. */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
