import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeManifests } from "../../../src/manifests/analyze-manifests.js";
import { EMPTY_REPO_INDEX } from "../../../src/manifests/repo-index.js";
import { fileChange } from "../support/file-change.js";
import { fixturePolicy, MANIFEST_FIXTURES } from "../support/fixture-policy.js";

const DIR = join(MANIFEST_FIXTURES, "rules", "secrets", "sops-metadata-removed");
const encrypted = readFileSync(join(DIR, "fire.base.yaml"), "utf8");
const decrypted = readFileSync(join(DIR, "fire.yaml"), "utf8");

describe("secrets: a decrypted Secret committed in place of its encrypted version", () => {
  it("is critical even when it moves to another file, and names keys, never values", async () => {
    const files = [fileChange("clusters/prod/platform/db.enc.yaml", { base: encrypted }), fileChange("clusters/prod/platform/db.yaml", { head: decrypted })];
    const { findings } = await analyzeManifests({ files, policy: fixturePolicy(), index: EMPTY_REPO_INDEX });
    expect(findings.map((f) => [f.rule, f.severity, f.path, f.line])).toEqual([
      ["secrets/plaintext-secret", "high", "clusters/prod/platform/db.yaml", 9],
      ["secrets/sops-metadata-removed", "critical", "clusters/prod/platform/db.yaml", 9],
      ["secrets/plaintext-secret", "high", "clusters/prod/platform/db.yaml", 10],
      ["secrets/plaintext-secret", "high", "clusters/prod/platform/db.yaml", 12],
    ]);
    for (const finding of findings) expect(finding.message).not.toMatch(/hunter2|YXBp|aHVudGVyMg/);
  });
});
