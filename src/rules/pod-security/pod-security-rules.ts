import type { Rule } from "../types.js";
import { BASELINE_RULES } from "./baseline-rules.js";
import { HOST_RULES } from "./host-rules.js";
import { RESTRICTED_RULES } from "./restricted-rules.js";

/** The `pod-security/` family: the Pod Security Standards' Baseline checks, then the Restricted ones. */
export const POD_SECURITY_RULES: Rule[] = [...BASELINE_RULES, ...HOST_RULES, ...RESTRICTED_RULES];
