import { describe, expect, it } from "vitest";
import type { Decision, Finding } from "../../src/engine/decision.js";
import { renderMarkdown } from "../../src/render/render-markdown.js";
import { renderSarif } from "../../src/render/render-sarif.js";
import { renderText } from "../../src/render/render-text.js";

const BASE = "b".repeat(40);
const HEAD = "h".repeat(40);

function finding(over: Partial<Finding> = {}): Finding {
  return {
    rule: "rbac/cluster-admin-binding",
    severity: "critical",
    blocking: true,
    message: "ClusterRoleBinding payments-is-admin grants cluster-admin",
    remediation: "Bind a namespaced Role instead.",
    path: "clusters/prod/payments/admin.yaml",
    line: 7,
    commit: null,
    object: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", namespace: null, name: "payments-is-admin" },
    ...over,
  };
}

function decision(over: Partial<Decision> = {}): Decision {
  return {
    version: 1,
    conclusion: "failure",
    base: BASE,
    head: HEAD,
    mode: "every-commit",
    policy: { path: ".github/flux-warden.yml", ref: BASE, blob: "p".repeat(40), source: "base" },
    keys: [{ type: "openpgp", fingerprint: "F".repeat(40), userIds: ["Alice <a@example.com>"], source: "keys.yaml#a.asc" }],
    keyProblems: [],
    commits: [
      {
        sha: "c".repeat(40), verified: false, reason: "unsigned", signer: null, tenants: [], detail: "the commit carries no signature",
        subject: "payments | admin *now*", author: null, parents: [BASE],
      },
    ],
    findings: [
      finding(),
      finding({ rule: "signature/unsigned", path: null, line: null, commit: "c".repeat(40), message: "Commit cccc is not signed", remediation: "Sign it." }),
      finding({ rule: "image/mutable-tag", severity: "low", blocking: false, path: "a.yaml", line: 3, exception: { rule: "image/*", reason: "legacy app" } }),
    ],
    tenants: { payments: ["clusters/prod/payments/admin.yaml"] },
    skipped: [{ path: "logo.png", reason: "binary" }],
    ...over,
  };
}

describe("renderMarkdown (the check-run summary)", () => {
  it("leads with the verdict and why, then commits, findings with fixes, and how to reproduce", () => {
    const md = renderMarkdown(decision());
    const lines = md.split("\n");
    expect(lines[0]).toBe("### ❌ flux-warden failed: 2 blocking findings");
    expect(lines.slice(2, 4)).toEqual(["- 1 finding: ClusterRoleBinding to cluster-admin (rbac/cluster-admin-binding)", "- 1 commit is not signed"]);
    expect(md).toContain("| `cccccccccccc` payments \\| admin \\*now\\* | — | — | — | ❌ unsigned |");
    expect(md).toContain("- `rbac/cluster-admin-binding` at `clusters/prod/payments/admin.yaml:7` — 🚫 blocking");
    expect(md).toContain("_Fix:_ Bind a namespaced Role instead.");
    expect(md).toContain("_Accepted:_ legacy app");
    expect(md).toContain(`npx flux-warden check --base ${BASE} --head ${HEAD}`);
    expect(md).toContain("Decided by `.github/flux-warden.yml` at base `bbbbbbbbbbbb` (blob `pppppppppppp`) · mode `every-commit` · 1 allowed key.");
  });

  it("stays within GitHub's limit, keeping the verdict and the reproduce command", () => {
    const many = Array.from({ length: 2000 }, (_, i) => finding({ path: `clusters/prod/payments/file-${i}.yaml` }));
    const md = renderMarkdown(decision({ findings: many }), 65_535);
    expect(md.length).toBeLessThanOrEqual(65_535);
    expect(md.startsWith("### ❌ flux-warden failed: 2000 blocking findings")).toBe(true);
    expect(md).toMatch(/_…\d+ more lines cut to fit GitHub's limit/);
    expect(md).toContain(`npx flux-warden check --base ${BASE}`);
  });

  it("passes with a green headline", () => {
    const md = renderMarkdown(decision({ conclusion: "success", findings: [], commits: [] }));
    expect(md.split("\n")[0]).toBe("### ✅ flux-warden passed: 0 commits verified");
  });
});

describe("renderSarif", () => {
  it("emits SARIF 2.1.0 with one result per finding, rules, locations and suppressions", () => {
    const sarif = JSON.parse(renderSarif(decision(), { version: "9.9.9" }));
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run.tool.driver).toMatchObject({ name: "flux-warden", version: "9.9.9" });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(["image/mutable-tag", "rbac/cluster-admin-binding", "signature/unsigned"]);
    expect(run.results).toHaveLength(3);
    expect(run.results[0]).toMatchObject({
      ruleId: "rbac/cluster-admin-binding",
      ruleIndex: 1,
      level: "error",
      locations: [{ physicalLocation: { artifactLocation: { uri: "clusters/prod/payments/admin.yaml" }, region: { startLine: 7 } } }],
    });
    expect(run.results[1].locations).toBeUndefined();
    expect(run.results[1].message.text).toContain(`(commit ${"c".repeat(40)})`);
    expect(run.results[2]).toMatchObject({ level: "note", suppressions: [{ kind: "external", justification: "legacy app" }] });
  });
});

describe("renderText", () => {
  it("prints without colour codes when not asked for colour, and with them when asked", () => {
    const plain = renderText(decision(), { color: false });
    expect(plain).not.toMatch(/\x1b\[/);
    expect(plain.split("\n")[0]).toBe("flux-warden ✘ failed: 2 blocking findings");
    expect(plain).toContain("[CRITICAL blocking] rbac/cluster-admin-binding clusters/prod/payments/admin.yaml:7");
    expect(plain).toContain("fix: Bind a namespaced Role instead.");
    expect(renderText(decision(), { color: true })).toMatch(/\x1b\[31m/);
  });
});
