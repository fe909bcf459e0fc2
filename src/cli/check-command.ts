import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Decision } from "../engine/decision.js";
import { evaluateTag } from "../engine/evaluate-tag.js";
import { runCheck } from "../check/run-check.js";
import { loadTrust } from "../trust/load-trust.js";
import { createGitSource } from "../sources/git-source.js";
import { renderDecision, isFormat, FORMATS, type Format } from "./render-decision.js";
import { UsageError, type CliIO } from "./cli-io.js";

export const CHECK_USAGE = `Usage: flux-warden check --base REV [--head REV] [--repo DIR] [--policy FILE]
                         [--format text|json|markdown|sarif] [--tag NAME] [--color|--no-color]

Evaluates every commit in base..head (merges included) and the net change, with the policy and
allowed signing keys read from --base (unless --policy is given), and prints the verdict the
GitHub App posts. --tag NAME verifies an annotated tag's signature instead (Flux's Tag mode).

Exit status: 0 success, 1 failure (blocking findings), 2 could not evaluate.`;

/** `flux-warden check`: returns the exit status. */
export async function checkCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      base: { type: "string" },
      head: { type: "string" },
      repo: { type: "string" },
      policy: { type: "string" },
      format: { type: "string", default: "text" },
      tag: { type: "string" },
      color: { type: "boolean" },
      "no-color": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout.write(`${CHECK_USAGE}\n`);
    return 0;
  }
  if (!values.base) throw new UsageError("--base is required: the revision whose policy and keys are trusted (e.g. origin/main)");
  if (!isFormat(values.format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
  const format: Format = values.format;
  const color = values["no-color"] ? false : (values.color ?? (io.isTTY && !io.env.NO_COLOR));

  const source = createGitSource({ repoDir: resolve(io.cwd, values.repo ?? ".") });
  try {
    const policyFile = values.policy
      ? { path: values.policy, text: await readFile(resolve(io.cwd, values.policy), "utf8") }
      : undefined;
    const base = await source.resolve(values.base);
    let decision: Decision;
    if (values.tag) {
      const tag = await source.tag(values.tag);
      const trust = await loadTrust(source.tree(base), { policyFile });
      decision = await evaluateTag({ tag: { name: values.tag, ...tag }, trust, now: io.now() });
    } else {
      const head = await source.resolve(values.head ?? "HEAD");
      decision = await runCheck({ source, request: { base, head }, policyFile, now: io.now() });
    }
    io.stdout.write(renderDecision(decision, format, { color }));
    return decision.conclusion === "success" ? 0 : 1;
  } finally {
    source.close();
  }
}
