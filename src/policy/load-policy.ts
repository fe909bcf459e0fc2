import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { policySchema, type Policy } from "./schema.js";
import { estimateNesting } from "../manifests/estimate-nesting.js";
import { DEFAULT_MANIFEST_LIMITS } from "../manifests/limits.js";

/** Where the policy lives on the base branch. */
export const POLICY_PATH = ".github/flux-warden.yml";

/** A policy that cannot be used. `problems` name the field and what is wrong, one per line. */
export class PolicyError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`invalid policy ${source}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "PolicyError";
  }
}

/** Parses and validates policy YAML. Throws `PolicyError` listing every problem at once. */
export function parsePolicy(text: string, source: string): Policy {
  // The yaml parser can exhaust memory on tens of thousands of nesting levels (no try/catch survives that): refuse
  // such text before it sees it. A policy is a few levels deep.
  if (estimateNesting(text) > DEFAULT_MANIFEST_LIMITS.maxNestingEstimate) {
    throw new PolicyError(source, ["YAML: nests far too deeply to be a policy; not parsed"]);
  }
  // Aliases are refused outright: a policy has no use for them and they are the alias-bomb vector.
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PolicyError(source, doc.errors.map((e) => `YAML: ${e.message.split("\n")[0]}`));
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    throw new PolicyError(source, [`YAML: ${(error as Error).message}`]);
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new PolicyError(source, ["the policy must be a YAML mapping starting with `version: 1`"]);
  }
  const result = policySchema.safeParse(raw);
  if (!result.success) throw new PolicyError(source, result.error.issues.map(formatIssue));
  return result.data;
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.reduce<string>(
    (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
    "",
  );
  const message =
    issue.code === "unrecognized_keys"
      ? `unknown ${issue.keys.length > 1 ? "keys" : "key"} ${issue.keys.map((k) => `"${k}"`).join(", ")} (check the spelling; unknown keys are errors)`
      : issue.message;
  return where ? `${where}: ${message}` : message;
}

const DEFAULT_POLICY_FILE = fileURLToPath(new URL("../../policies/default.yml", import.meta.url));

/** The built-in policy for repositories with none on their base branch. */
export function defaultPolicy(): { policy: Policy; text: string } {
  const text = readFileSync(DEFAULT_POLICY_FILE, "utf8");
  return { policy: parsePolicy(text, "policies/default.yml"), text };
}
