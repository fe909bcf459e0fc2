import { GATE_RULES } from "../engine/gate-rules.js";
import { FLUX_RULES } from "./flux/flux-rules.js";
import { GUARD_RULES } from "./guard/guard-rules.js";
import { HELM_RULES } from "./helm/helm-rules.js";
import { IMAGE_RULES } from "./image/image-rules.js";
import { KUSTOMIZE_RULES } from "./kustomize/kustomize-rules.js";
import { MANIFEST_RULES } from "./manifest/manifest-rules.js";
import { POD_SECURITY_RULES } from "./pod-security/pod-security-rules.js";
import { RBAC_RULES } from "./rbac/rbac-rules.js";
import { SECRETS_RULES } from "./secrets/secrets-rules.js";
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
    [...MANIFEST_RULES, ...TENANCY_RULES, ...RBAC_RULES, ...POD_SECURITY_RULES, ...KUSTOMIZE_RULES, ...FLUX_RULES, ...HELM_RULES, ...IMAGE_RULES, ...SECRETS_RULES, ...GUARD_RULES],
    GATE_RULES.map((rule) => rule.id),
  ),
);

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

/** The manifest rule with this id, if any. */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
