import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples/api.github.com/index.json") as Array<{ name: string; examples: Array<Record<string, any>> }>;

/**
 * A real GitHub webhook payload from @octokit/webhooks-examples (deep-copied, so a test may edit it): the shapes GitHub
 * actually sends, not hand-written ones.
 */
export function examplePayload(name: string, action?: string, pick: (p: Record<string, any>) => boolean = () => true): Record<string, any> {
  const found = examples.find((e) => e.name === name)?.examples.find((p) => (action === undefined || p.action === action) && pick(p));
  if (!found) throw new Error(`no ${name}${action ? `.${action}` : ""} example payload`);
  return structuredClone(found);
}
