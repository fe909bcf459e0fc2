import type { Rule } from "../types.js";
import { clusterScopedKind } from "./cluster-scoped-kind.js";
import { foreignNamespace } from "./foreign-namespace.js";

/** The `tenancy/` family: what a tenant's folder may contain. */
export const TENANCY_RULES: Rule[] = [clusterScopedKind, foreignNamespace];
