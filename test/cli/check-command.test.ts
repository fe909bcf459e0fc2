import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createExampleFleet, type ExampleFleet, type ExampleFleetOptions } from "../support/example-fleet.js";
import { generateSshKey } from "../support/ssh.js";
import { runCli } from "../support/run-cli.js";
import type { Decision } from "../../src/engine/decision.js";

const DEPLOYMENT = "clusters/production/payments/deployment.yaml";
const PLATFORM_FILE = "clusters/production/platform/payments-tenant.yaml";
const CLUSTER_ADMIN_BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: everyone-is-admin
subjects:
  - kind: Group
    name: developers
    apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: ClusterRole
  name: cluster-admin
  apiGroup: rbac.authorization.k8s.io
`;

let fleet: ExampleFleet | undefined;
afterEach(() => fleet?.dispose());

function newFleet(options?: ExampleFleetOptions): ExampleFleet {
  fleet = createExampleFleet(options);
  return fleet;
}

/** Edits a file of the fleet by text replacement, so the change stays a routine one. */
function edit(f: ExampleFleet, path: string, from: string, to: string): void {
  const text = f.repo.git("show", `HEAD:${path}`);
  if (!text.includes(from)) throw new Error(`${path} has no "${from}"`);
  f.repo.write(path, `${text.replace(from, to)}\n`);
}

async function checkJson(f: ExampleFleet, ...extra: string[]): Promise<{ code: number; decision: Decision; stderr: string }> {
  const result = await runCli(["check", "--base", "main", "--head", "HEAD", "--format", "json", ...extra], f.repo.dir);
  return { code: result.code, decision: JSON.parse(result.stdout || "null") as Decision, stderr: result.stderr };
}

describe("flux-warden check", () => {
  it("passes a signed change in the signer's own folder, with the Decision contract", async () => {
    const f = newFleet();
    f.repo.checkout("release", true);
    edit(f, DEPLOYMENT, "payments-api:1.4.2", "payments-api:1.4.3");
    const sha = f.repo.commit("release 1.4.3", { gpg: f.payments });
    const { code, decision } = await checkJson(f);
    expect(code).toBe(0);
    expect(decision).toEqual({
      version: 1,
      conclusion: "success",
      base: f.base,
      head: sha,
      mode: "every-commit",
      policy: { path: ".github/flux-warden.yml", ref: f.base, blob: f.repo.rev("main:.github/flux-warden.yml"), source: "base" },
      keys: [
        expect.objectContaining({ type: "openpgp", fingerprint: f.platform.fingerprint, source: "clusters/production/flux-system/allowed-signing-keys.yaml#platform.asc" }),
        expect.objectContaining({ type: "openpgp", fingerprint: f.payments.fingerprint, source: "clusters/production/flux-system/allowed-signing-keys.yaml#payments.asc" }),
      ],
      keyProblems: [],
      commits: [
        {
          sha,
          verified: true,
          reason: "verified",
          signer: { type: "openpgp", fingerprint: f.payments.fingerprint, keyId: f.payments.keyId, userIds: ["Payments Dev <payments-dev@example.com>"] },
          tenants: ["payments"],
          detail: expect.any(String),
          subject: "release 1.4.3",
          author: expect.objectContaining({ name: "Test Developer", email: "dev@example.com" }),
          parents: [f.base],
        },
      ],
      findings: [],
      tenants: { payments: [DEPLOYMENT] },
      skipped: [],
    });
  });

  it("fails a signed change to another tenant's folder, naming owner and signer", async () => {
    const f = newFleet();
    f.repo.checkout("sneaky", true);
    edit(f, PLATFORM_FILE, "enforce: restricted", "enforce: baseline");
    const sha = f.repo.commit("relax", { gpg: f.payments });
    const { code, decision } = await checkJson(f);
    expect(code).toBe(1);
    const ownership = decision.findings.filter((x) => x.rule.startsWith("ownership/"));
    expect(ownership).toEqual([
      expect.objectContaining({ rule: "ownership/wrong-tenant", severity: "critical", blocking: true, path: PLATFORM_FILE, commit: sha }),
    ]);
    expect(ownership[0]!.message).toContain('owned by tenant "platform"');
    expect(ownership[0]!.message).toContain('a signer of tenant "payments"');
  });

  /** Checks the change: one verified payments commit `sha`, blocked by exactly one finding like `expected`. */
  async function soleBlockingFinding(f: ExampleFleet, sha: string, expected: Record<string, unknown>): Promise<Decision> {
    const { code, decision } = await checkJson(f);
    expect(code).toBe(1);
    expect(decision.commits).toEqual([expect.objectContaining({ sha, reason: "verified", tenants: ["payments"] })]);
    expect(decision.findings).toEqual([expect.objectContaining({ ...expected, blocking: true })]);
    return decision;
  }

  /** Makes the payments kustomization apply `file` (relative to it) to the payments-api Deployment; returns its path. */
  function applyPatchFile(f: ExampleFleet, file: string): string {
    const kustomization = "clusters/production/payments/kustomization.yaml";
    edit(f, kustomization, "  - service.yaml", `  - service.yaml\npatches:\n  - path: ${file}\n    target:\n      kind: Deployment\n      name: payments-api`);
    return kustomization;
  }

  it("fails a signed JSON 6902 patch file that makes the tenant's workload privileged, on the operation's line", async () => {
    const f = newFleet();
    f.repo.checkout("patch-file", true);
    const ops = "clusters/production/payments/patches/api-ops.yaml";
    f.repo.write(ops, "- op: replace\n  path: /spec/replicas\n  value: 3\n- op: add\n  path: /spec/template/spec/containers/0/securityContext/privileged\n  value: true\n");
    applyPatchFile(f, "patches/api-ops.yaml");
    const sha = f.repo.commit("scale the API", { gpg: f.payments });
    const decision = await soleBlockingFinding(f, sha, {
      rule: "kustomize/patch-pod-security",
      path: ops,
      line: 6,
      object: { apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "JSON6902Patch", namespace: null, name: ops },
    });
    expect(decision.findings[0]!.message).toContain("applied to Deployment payments-api by clusters/production/payments/kustomization.yaml");
  });

  it("fails a signed change that commits a SOPS age secret key in a text file, on the key's line", async () => {
    const f = newFleet();
    f.repo.checkout("age-key", true);
    const file = "clusters/production/platform/sops/age.agekey";
    const key = `AGE-SECRET-KEY-1${"QZ".repeat(29)}`;
    f.repo.write(file, `# created: 2026-11-29T10:00:00Z\n# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n${key}\n`);
    const sha = f.repo.commit("platform: SOPS key for the new cluster", { gpg: f.platform });
    const { code, decision } = await checkJson(f);
    expect(code).toBe(1);
    expect(decision.commits).toEqual([expect.objectContaining({ sha, reason: "verified" })]);
    expect(decision.findings).toEqual([expect.objectContaining({ rule: "secrets/private-key", severity: "critical", blocking: true, path: file, line: 3 })]);
    expect(decision.findings[0]!.message).not.toContain(key.slice(20));
  });

  it("fails a signed change to kustomization.yaml alone that applies a privileged patch file already in the base", async () => {
    const f = newFleet();
    // On main, reviewed long ago: an operation list nothing applies.
    const ops = "clusters/production/payments/patches/debug.yaml";
    f.repo.write(ops, "# for a debugging session\n- op: add\n  path: /spec/template/spec/containers/0/securityContext/privileged\n  value: true\n");
    f.repo.commit("keep the debug patch around", { gpg: f.platform });
    f.repo.checkout("apply-debug", true);
    const kustomization = applyPatchFile(f, "patches/debug.yaml");
    const sha = f.repo.commit("tidy the overlay", { gpg: f.payments });
    const decision = await soleBlockingFinding(f, sha, {
      rule: "kustomize/patch-pod-security",
      path: kustomization,
      line: 7,
      object: { apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", namespace: null, name: "clusters/production/payments" },
    });
    expect(decision.findings[0]!.message).toContain(`patch file ${ops} line 4 (applied to Deployment payments-api by patches[0])`);
  });

  it("judges every commit, not just HEAD: an unsigned commit in the middle fails", async () => {
    const f = newFleet();
    f.repo.checkout("mixed", true);
    edit(f, DEPLOYMENT, "replicas: 2", "replicas: 3");
    const unsigned = f.repo.commit("unsigned middle");
    edit(f, DEPLOYMENT, "replicas: 3", "replicas: 4");
    f.repo.commit("signed head", { gpg: f.payments });
    const { code, decision } = await checkJson(f);
    expect(code).toBe(1);
    expect(decision.commits.map((c) => c.reason)).toEqual(["unsigned", "verified"]);
    expect(decision.findings).toEqual([expect.objectContaining({ rule: "signature/unsigned", commit: unsigned, blocking: true })]);
  });

  it("in head mode verifies only HEAD, as Flux does", async () => {
    const f = newFleet({ policy: (p) => p.replace("mode: every-commit", "mode: head") });
    f.repo.checkout("mixed", true);
    edit(f, DEPLOYMENT, "replicas: 2", "replicas: 3");
    f.repo.commit("unsigned middle");
    edit(f, DEPLOYMENT, "replicas: 3", "replicas: 4");
    const head = f.repo.commit("signed head", { gpg: f.payments });
    const { code, decision } = await checkJson(f);
    expect(code).toBe(0);
    expect(decision.mode).toBe("head");
    expect(decision.commits.map((c) => c.sha)).toEqual([head]);
  });

  it("takes the policy from the base: a change granting itself more is judged by the old policy", async () => {
    const f = newFleet();
    f.repo.checkout("grab", true);
    const policy = f.repo.git("show", "HEAD:.github/flux-warden.yml");
    f.repo.write(".github/flux-warden.yml", `${policy.replace(`signers: ["${f.platform.fingerprint}"]`, `signers: ["${f.platform.fingerprint}", "${f.payments.fingerprint}"]`)}\n`);
    edit(f, PLATFORM_FILE, "enforce: restricted", "enforce: privileged");
    f.repo.commit("make payments a platform signer", { gpg: f.payments });
    const { code, decision } = await checkJson(f);
    expect(code).toBe(1);
    expect(decision.policy.ref).toBe(f.base);
    expect(decision.findings.filter((x) => x.rule === "ownership/wrong-tenant").map((x) => x.path).sort()).toEqual([".github/flux-warden.yml", PLATFORM_FILE]);
  });

  it("reports untrusted, expired and revoked keys with Flux's rules", async () => {
    let expired: ReturnType<import("../support/gpg.js").GpgHome["generate"]> | undefined;
    let revoked: typeof expired;
    const f = newFleet({
      extraKeys: (home) => {
        expired = home.generate("Old <old@example.com>", { expire: "1y", fakedTime: "20200101T000000" });
        revoked = home.generate("Gone <gone@example.com>");
        return { "old.asc": expired.publicArmored, "gone.asc": home.revokedPublicKey(revoked) };
      },
      // Any allowed key may sign for payments: the keys' own validity is what is under test.
      policy: (p) => p.replace(/(payments:\n    paths: \[[^\]]+\]\n    signers: \[)/, '$1"*", '),
    });
    const stranger = f.home.generate("Stranger <stranger@example.com>");
    f.repo.checkout("keys", true);
    const steps: Array<[string, Parameters<typeof f.repo.commit>[1]]> = [
      ["stranger", { gpg: stranger }],
      ["expired", { gpg: expired! }],
      ["revoked", { gpg: revoked! }],
    ];
    for (const [i, [name, signing]] of steps.entries()) {
      edit(f, DEPLOYMENT, `replicas: ${i + 2}`, `replicas: ${i + 3}`);
      f.repo.commit(name, signing);
    }
    const { code, decision } = await checkJson(f);
    expect(code).toBe(1);
    expect(decision.commits.map((c) => [c.subject, c.reason])).toEqual([
      ["stranger", "untrusted-key"],
      ["expired", "expired-key"],
      ["revoked", "revoked-key"],
    ]);
    expect(decision.commits[0]!.detail).toContain(stranger.keyId);
    expect(decision.findings.map((x) => x.rule).sort()).toEqual(["signature/expired-key", "signature/revoked-key", "signature/untrusted-key"]);
  });

  it("verifies SSH-signed commits against .sshpub entries and attributes them by SSH fingerprint", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fw-ssh-"));
    const key = generateSshKey(dir, "dev");
    const f = newFleet({
      extraKeys: () => ({ "dev.sshpub": `# the payments team's SSH signing key\n${key.publicLine}\n` }),
      policy: (p) => p.replace(/(payments:\n    paths: \[[^\]]+\]\n    signers: \[)/, `$1"${key.fingerprint}", `),
    });
    f.repo.checkout("ssh", true);
    edit(f, DEPLOYMENT, "replicas: 2", "replicas: 3");
    f.repo.commit("ssh signed", { ssh: key });
    const { code, decision } = await checkJson(f);
    expect(code).toBe(0);
    expect(decision.commits[0]!.signer).toMatchObject({ type: "ssh", fingerprint: key.fingerprint });
    expect(decision.commits[0]!.tenants).toEqual(["payments"]);
  });

  it("fails a replayed signature: a valid signature copied onto other content", async () => {
    const f = newFleet();
    f.repo.checkout("replay", true);
    edit(f, DEPLOYMENT, "replicas: 2", "replicas: 3");
    const signed = f.repo.commit("harmless", { gpg: f.payments });
    const raw = f.repo.git("cat-file", "commit", signed);
    // Same signature header, different tree: the platform file edited instead.
    f.repo.git("reset", "-q", "--hard", "main");
    edit(f, PLATFORM_FILE, "enforce: restricted", "enforce: privileged");
    f.repo.git("add", "-A");
    const tree = f.repo.git("write-tree");
    const forged = f.repo.hashCommitObject(`${raw.replace(/^tree [0-9a-f]+/m, `tree ${tree}`)}\n`);
    f.repo.git("reset", "-q", "--hard", forged);
    const { code, decision } = await checkJson(f);
    expect(code).toBe(1);
    expect(decision.commits).toEqual([expect.objectContaining({ sha: forged, reason: "bad-signature", verified: false })]);
  });

  it("verifies annotated tags (Flux's Tag mode) and refuses lightweight ones", async () => {
    const f = newFleet();
    f.repo.tag("v1.0.0", "release", { gpg: f.platform });
    f.repo.tag("v1.0.1", "unsigned release");
    f.repo.git("tag", "light");
    const good = await runCli(["check", "--base", "main", "--tag", "v1.0.0", "--format", "json"], f.repo.dir);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ mode: "tag", conclusion: "success", commits: [{ reason: "verified", signer: { fingerprint: f.platform.fingerprint } }] });
    const unsigned = await runCli(["check", "--base", "main", "--tag", "v1.0.1", "--format", "json"], f.repo.dir);
    expect(unsigned.code).toBe(1);
    expect(JSON.parse(unsigned.stdout).findings[0].rule).toBe("signature/unsigned");
    const light = await runCli(["check", "--base", "main", "--tag", "light"], f.repo.dir);
    expect(light.code).toBe(2);
    expect(light.stderr).toContain("not annotated");
  });

  it("exits 2 with the field named, and no stack trace, when the base's policy is invalid", async () => {
    const f = newFleet({ policy: (p) => p.replace("unowned: deny", "unowned: maybe\ncolour: red") });
    f.repo.checkout("x", true);
    edit(f, DEPLOYMENT, "replicas: 2", "replicas: 3");
    f.repo.commit("x", { gpg: f.payments });
    const result = await runCli(["check", "--base", "main", "--head", "x"], f.repo.dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/invalid policy \.github\/flux-warden\.yml at [0-9a-f]{12}:/);
    expect(result.stderr).toContain("  - unowned: ");
    expect(result.stderr).toContain('  - unknown key "colour"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("lets --policy try a policy file instead of the base's", async () => {
    const f = newFleet();
    f.repo.checkout("x", true);
    edit(f, PLATFORM_FILE, 'resources: ["services", "configmaps"]', 'resources: ["services"]');
    f.repo.commit("x", { gpg: f.payments });
    const file = join(f.repo.dir, "..", `policy-${Date.now()}.yml`);
    writeFileSync(file, `version: 1\nsigning:\n  keys: [{ secret: clusters/production/flux-system/allowed-signing-keys.yaml }]\ntenants:\n  all: { paths: ["**"], signers: ["*"], clusterScoped: true }\n`);
    const { code, decision } = await checkJson(f, "--policy", file);
    expect(code).toBe(0);
    expect(decision.policy).toEqual({ path: file, ref: null, blob: null, source: "file" });
  });

  it("uses the default policy and discovers keys from GitRepository spec.verify when the base has no policy", async () => {
    const f = newFleet();
    f.repo.remove(".github/flux-warden.yml");
    f.repo.commit("drop policy", { gpg: f.platform });
    f.repo.checkout("x", true);
    f.repo.write("clusters/production/platform/admin.yaml", CLUSTER_ADMIN_BINDING);
    f.repo.commit("any allowed key may change anything", { gpg: f.payments });
    const { code, decision } = await checkJson(f);
    expect(decision.policy.source).toBe("default");
    expect(decision.keys.map((k) => k.fingerprint).sort()).toEqual([f.platform.fingerprint, f.payments.fingerprint].sort());
    // Signatures and ownership pass (one tenant, any allowed key); the escalation rules still apply.
    expect(decision.findings.map((x) => x.rule)).toEqual(["rbac/cluster-admin-binding"]);
    expect(code).toBe(1);
  });

  it("fails every commit when no keys can be found, saying how to configure them", async () => {
    const f = newFleet();
    f.repo.remove(".github/flux-warden.yml");
    f.repo.remove("clusters/production/flux-system/allowed-signing-keys.yaml");
    f.repo.commit("no keys", { gpg: f.platform });
    f.repo.checkout("x", true);
    edit(f, DEPLOYMENT, "replicas: 2", "replicas: 3");
    f.repo.commit("x", { gpg: f.payments });
    const { code, decision } = await checkJson(f);
    expect(code).toBe(1);
    expect(decision.findings.map((x) => x.rule)).toEqual(["signature/no-keys", "signature/untrusted-key"]);
    expect(decision.findings[0]!.remediation).toContain("signing.keys");
  });

  it("exits 2 for usage errors, unknown revisions and directories that are not repositories", async () => {
    const f = newFleet();
    const noBase = await runCli(["check", "--head", "HEAD"], f.repo.dir);
    expect([noBase.code, noBase.stderr]).toEqual([2, expect.stringContaining("--base is required")]);
    const badFormat = await runCli(["check", "--base", "main", "--format", "xml"], f.repo.dir);
    expect([badFormat.code, badFormat.stderr]).toEqual([2, expect.stringContaining("--format must be one of text, json, markdown, sarif")]);
    const unknownFlag = await runCli(["check", "--base", "main", "--frobnicate"], f.repo.dir);
    expect(unknownFlag.code).toBe(2);
    const unknownRev = await runCli(["check", "--base", "origin/main"], f.repo.dir);
    expect([unknownRev.code, unknownRev.stderr]).toEqual([2, expect.stringContaining("unknown revision origin/main")]);
    const notRepo = await runCli(["check", "--base", "main"], mkdtempSync(join(tmpdir(), "fw-empty-")));
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toMatch(/not a git repository/);
    const unknownCommand = await runCli(["frobnicate"], f.repo.dir);
    expect([unknownCommand.code, unknownCommand.stderr]).toEqual([2, expect.stringContaining('unknown command "frobnicate"')]);
  });

  it("renders markdown and SARIF from the same Decision", async () => {
    const f = newFleet();
    f.repo.checkout("x", true);
    edit(f, DEPLOYMENT, "replicas: 2", "replicas: 3");
    f.repo.commit("unsigned");
    const md = await runCli(["check", "--base", "main", "--format", "markdown"], f.repo.dir);
    expect(md.code).toBe(1);
    expect(md.stdout.split("\n")[0]).toBe("### ❌ flux-warden failed: 1 blocking finding");
    const sarif = await runCli(["check", "--base", "main", "--format", "sarif"], f.repo.dir);
    expect(sarif.code).toBe(1);
    expect(JSON.parse(sarif.stdout).runs[0].results[0].ruleId).toBe("signature/unsigned");
    const text = await runCli(["check", "--base", "main"], f.repo.dir);
    expect(text.stdout).toContain("signature/unsigned");
  });
});

describe("flux-warden check on awkward entries", () => {
  it("skips binary files (saying so), reports oversized manifests, follows symlinks, handles unicode paths and submodules", async () => {
    const f = newFleet();
    f.repo.checkout("awkward", true);
    f.repo.write("clusters/production/payments/logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]));
    f.repo.write("clusters/production/payments/huge.yaml", `# padding\n${"x: y\n".repeat(300_000)}`);
    f.repo.write("clusters/production/payments/tëam notes/config map.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n  namespace: payments\n");
    f.repo.symlink("clusters/production/payments/platform-link.yaml", "../platform/payments-tenant.yaml");
    f.repo.git("add", "-A");
    f.repo.git("update-index", "--add", "--cacheinfo", `160000,${f.base},clusters/production/payments/vendored`);
    const sha = f.repo.commit("awkward entries", { gpg: f.payments }, { indexOnly: true });
    const { code, decision } = await checkJson(f);
    expect(code).toBe(1);
    expect(decision.commits).toEqual([expect.objectContaining({ sha, reason: "verified" })]);
    expect(decision.skipped).toEqual(expect.arrayContaining([expect.objectContaining({ path: "clusters/production/payments/logo.png" })]));
    const byRule = (rule: string) => decision.findings.filter((x) => x.rule === rule).map((x) => x.path);
    expect(byRule("manifest/too-large")).toEqual(["clusters/production/payments/huge.yaml"]);
    expect(byRule("ownership/wrong-tenant")).toEqual(["clusters/production/payments/platform-link.yaml"]);
    expect(byRule("manifest/submodule")).toEqual(["clusters/production/payments/vendored"]);
    expect(decision.tenants.payments).toContain("clusters/production/payments/tëam notes/config map.yaml");
    expect(decision.findings.filter((x) => x.path?.includes("tëam"))).toEqual([]);
  });
});
