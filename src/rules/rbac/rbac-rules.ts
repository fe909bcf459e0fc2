import type { Rule } from "../types.js";
import { ACCESS_GRANT_RULES } from "./access-grant-rules.js";
import { aggregateToBuiltin } from "./aggregate-to-builtin.js";
import { BINDING_RULES } from "./binding-rules.js";
import { ESCALATION_GRANT_RULES } from "./escalation-grant-rules.js";
import { wildcard } from "./wildcard.js";

/** The `rbac/` family: bindings and roles that hand out power (Kubernetes RBAC good practices). */
export const RBAC_RULES: Rule[] = [...BINDING_RULES, wildcard, ...ESCALATION_GRANT_RULES, ...ACCESS_GRANT_RULES, aggregateToBuiltin];
