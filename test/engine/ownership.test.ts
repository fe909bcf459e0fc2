import { describe, expect, it } from "vitest";
import { ownershipFindings } from "../../src/engine/ownership.js";
import type { CommitVerdict } from "../../src/engine/decision.js";
import type { FileChange } from "../../src/sources/change-set.js";
import { parsePolicy } from "../../src/policy/load-policy.js";
import { tenantsOfSigner } from "../../src/policy/tenants.js";

const PLATFORM = "1".repeat(40);
const PAYMENTS = "2".repeat(40);
const OUTSIDER = "3".repeat(40);

const policyText = (unowned = "deny") => `version: 1
tenants:
  platform:
    paths: [".github/**", "clusters/*/flux-system/**", "clusters/*/platform/**"]
    signers: ["${PLATFORM}"]
  payments:
    paths: ["clusters/*/payments/**"]
    signers: ["${PAYMENTS}"]
  shared:
    paths: ["clusters/*/shared/**"]
    signers: ["${PLATFORM}", "${PAYMENTS}"]
unowned: ${unowned}
`;
const policy = parsePolicy(policyText(), "p.yml");

function verdict(fingerprint: string | null, sha = "c".repeat(40)): CommitVerdict {
  return {
    sha,
    verified: fingerprint !== null,
    reason: fingerprint ? "verified" : "unsigned",
    signer: fingerprint ? { type: "openpgp", fingerprint, keyId: fingerprint.slice(-16), userIds: ["Dev <dev@example.com>"] } : null,
    tenants: fingerprint ? tenantsOfSigner(policy, fingerprint) : [],
    detail: "",
    subject: "change",
    author: { name: "Platform Admin", email: "platform@example.com", date: "2026-01-01T00:00:00Z" },
    parents: [],
  };
}

function file(path: string, previousPath: string | null = null): FileChange {
  return {
    path,
    previousPath,
    status: previousPath ? "renamed" : "modified",
    base: null,
    head: { kind: "file", mode: "100644", oid: "0".repeat(40), size: 1, content: null },
  };
}

function symlink(path: string, target: string): FileChange {
  return { path, previousPath: null, status: "added", base: null, head: { kind: "symlink", mode: "120000", oid: "0".repeat(40), size: target.length, content: Buffer.from(target) } };
}

const rulesOf = (findings: { rule: string; path: string | null }[]) => findings.map((f) => `${f.rule} ${f.path}`);

describe("ownershipFindings", () => {
  it("accepts paths owned by the signer's tenant, and shared paths for either tenant", () => {
    const files = [file("clusters/prod/payments/app.yaml"), file("clusters/prod/shared/x.yaml")];
    expect(ownershipFindings([{ verdict: verdict(PAYMENTS), files }], policy)).toEqual([]);
  });

  it("reports a path owned by another tenant, naming the owner and the signer's tenant", () => {
    const [finding, ...rest] = ownershipFindings([{ verdict: verdict(PAYMENTS), files: [file("clusters/prod/platform/rbac.yaml")] }], policy);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: "ownership/wrong-tenant", severity: "critical", path: "clusters/prod/platform/rbac.yaml", commit: "c".repeat(40) });
    expect(finding!.message).toBe(
      `clusters/prod/platform/rbac.yaml is owned by tenant "platform"; commit cccccccccccc is signed by ${PAYMENTS} (Dev <dev@example.com>), a signer of tenants "payments", "shared".`,
    );
  });

  it("judges by the signer, not the author field", () => {
    // The author claims to be the platform admin; the signature is a payments key.
    const found = ownershipFindings([{ verdict: verdict(PAYMENTS), files: [file(".github/flux-warden.yml")] }], policy);
    expect(rulesOf(found)).toEqual(["ownership/wrong-tenant .github/flux-warden.yml"]);
  });

  it("says when the signer belongs to no tenant", () => {
    const [finding] = ownershipFindings([{ verdict: verdict(OUTSIDER), files: [file("clusters/prod/payments/a.yaml")] }], policy);
    expect(finding!.message).toMatch(/a key that belongs to no tenant\.$/);
  });

  it("checks both sides of a rename", () => {
    const moved = file("clusters/prod/payments/rbac.yaml", "clusters/prod/platform/rbac.yaml");
    expect(rulesOf(ownershipFindings([{ verdict: verdict(PAYMENTS), files: [moved] }], policy))).toEqual([
      "ownership/wrong-tenant clusters/prod/platform/rbac.yaml",
    ]);
  });

  it("denies unowned paths unless the policy allows them", () => {
    const files = [file("README.md")];
    expect(rulesOf(ownershipFindings([{ verdict: verdict(PLATFORM), files }], policy))).toEqual(["ownership/unowned-path README.md"]);
    expect(ownershipFindings([{ verdict: verdict(PLATFORM), files }], parsePolicy(policyText("allow"), "p.yml"))).toEqual([]);
  });

  it("follows symlinks: a link in a team folder to a platform file or folder is a platform change", () => {
    const toFile = symlink("clusters/prod/payments/rbac.yaml", "../platform/rbac.yaml");
    const toDir = symlink("clusters/prod/payments/platform", "../platform");
    const allowUnowned = parsePolicy(policyText("allow"), "p.yml");
    const found = ownershipFindings([{ verdict: verdict(PAYMENTS), files: [toFile, toDir] }], allowUnowned);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringMatching(/^clusters\/prod\/platform\/rbac\.yaml \(through symlink clusters\/prod\/payments\/rbac\.yaml\) is owned by tenant "platform"/),
      expect.stringMatching(/^clusters\/prod\/platform \(through symlink clusters\/prod\/payments\/platform\) is owned by tenant "platform"/),
    ]);
    expect(found.map((f) => f.path)).toEqual(["clusters/prod/payments/rbac.yaml", "clusters/prod/payments/platform"]);
  });

  it("reports symlinks that leave the repository", () => {
    const found = ownershipFindings(
      [{ verdict: verdict(PAYMENTS), files: [symlink("clusters/prod/payments/a", "../../../../etc/passwd"), symlink("clusters/prod/payments/b", "/etc/shadow")] }],
      policy,
    );
    expect(rulesOf(found)).toEqual(["ownership/symlink-escape clusters/prod/payments/a", "ownership/symlink-escape clusters/prod/payments/b"]);
  });

  it("skips commits that did not verify: they fail on their signature, and have no signer to attribute", () => {
    expect(ownershipFindings([{ verdict: verdict(null), files: [file("clusters/prod/platform/x.yaml")] }], policy)).toEqual([]);
  });

  it("checks each commit against the files it changed", () => {
    const a = verdict(PAYMENTS, "a".repeat(40));
    const b = verdict(PLATFORM, "b".repeat(40));
    const found = ownershipFindings(
      [
        { verdict: a, files: [file("clusters/prod/payments/x.yaml")] },
        { verdict: b, files: [file("clusters/prod/platform/y.yaml"), file("clusters/prod/payments/x.yaml")] },
      ],
      policy,
    );
    expect(found.map((f) => `${f.commit!.slice(0, 1)} ${f.path}`)).toEqual(["b clusters/prod/payments/x.yaml"]);
  });
});
