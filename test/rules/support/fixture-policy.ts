import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parsePolicy } from "../../../src/policy/load-policy.js";
import type { Policy } from "../../../src/policy/schema.js";

/** The repository's `fixtures/manifests/` folder. */
export const MANIFEST_FIXTURES = fileURLToPath(new URL("../../../fixtures/manifests/", import.meta.url));

/** The policy rule fixtures are evaluated under (platform, payments and billing tenants, approved sources). */
export function fixturePolicy(): Policy {
  const file = `${MANIFEST_FIXTURES}rules/policy.yml`;
  return parsePolicy(readFileSync(file, "utf8"), file);
}
