import type { MergeMethodAdvice } from "../engine/decision.js";

const LABELS = { "merge-commit": "Merge commit", squash: "Squash and merge", rebase: "Rebase and merge", "fast-forward": "Fast-forward" } as const;
const MARKS = { accepts: "✅ accepts", rejects: "❌ rejects", unknown: "❔ unknown" } as const;

/**
 * The check-run section that says, before anyone presses the button, which merge methods leave a HEAD Flux accepts.
 * `escape` keeps user-controlled text (key paths) from breaking the table.
 */
export function renderMergeMethods(advice: MergeMethodAdvice, escape: (text: string) => string): string[] {
  const key = advice.webFlowKey;
  const webFlow = key.path
    ? `GitHub's web-flow key: \`${key.path}\`${key.fingerprints.length ? ` (${key.fingerprints.map((f) => `\`${f}\``).join(", ")})` : ""}${key.problem ? ` — ${escape(key.problem)}` : ""}.`
    : "GitHub's web-flow key is not configured (`signing.webFlowKey`): whether Flux accepts GitHub's merges is unknown, and likely not.";
  const out = [
    "",
    "#### Merge methods and Flux",
    `Flux verifies only HEAD of the branch, with the ${advice.fluxKeys.length} key(s) of its verification Secret. ${webFlow}`,
    "",
    "| Method | Flux | Why |",
    "|---|---|---|",
  ];
  for (const m of advice.methods) out.push(`| ${LABELS[m.method]} | ${MARKS[m.flux]} | ${escape(m.detail)} |`);
  return out;
}
