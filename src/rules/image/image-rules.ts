import type { Rule } from "../types.js";
import { IMAGE_POLICY_RULES } from "./image-policy-rules.js";
import { MUTABLE_TAG_RULES } from "./mutable-tag-rules.js";
import { REGISTRY_RULES } from "./registry-rules.js";

/** The `image/` family: where images come from, whether their tags can move, and how image automation selects them. */
export const IMAGE_RULES: Rule[] = [...REGISTRY_RULES, ...MUTABLE_TAG_RULES, ...IMAGE_POLICY_RULES];
