import type { Decision } from "../engine/decision.js";

/** `--format json`: exactly the Decision contract (design notes §3). */
export function renderJson(decision: Decision): string {
  return `${JSON.stringify(decision, null, 2)}\n`;
}
