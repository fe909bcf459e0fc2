import type { Finding } from "./decision.js";

/**
 * A finding as a check produces it. The engine alone decides `blocking` and applies exceptions and severity overrides
 * from the policy, so no rule can make itself (non-)blocking.
 */
export type RuleFinding = Omit<Finding, "blocking" | "exception">;
