import { describe, expect, it } from "vitest";
import { parsePolicy, PolicyError, defaultPolicy } from "../../src/policy/load-policy.js";

const FPR = "A".repeat(40);

function problems(text: string): string[] {
  try {
    parsePolicy(text, "test.yml");
  } catch (error) {
    if (error instanceof PolicyError) return error.problems;
    throw error;
  }
  throw new Error("policy was accepted");
}

describe("parsePolicy", () => {
  it("applies defaults to a minimal policy", () => {
    const policy = parsePolicy("version: 1\n", "p.yml");
    expect(policy.signing.mode).toBe("every-commit");
    expect(policy.signing.keys).toBeUndefined();
    expect(policy.unowned).toBe("deny");
    expect(policy.rules.block).toBe("high");
    expect(policy.rules.exceptions).toEqual([]);
  });

  it("normalises signers: lower-case and spaced OpenPGP fingerprints, SSH fingerprints as printed", () => {
    const spaced = "abcd ".repeat(10).trim();
    const policy = parsePolicy(
      `version: 1\ntenants:\n  t:\n    paths: ["a/**"]\n    signers: ["${spaced}", "SHA256:${"x".repeat(43)}", "*"]\n`,
      "p.yml",
    );
    expect(policy.tenants.t!.signers).toEqual(["ABCD".repeat(10), `SHA256:${"x".repeat(43)}`, "*"]);
  });

  it("names the field and what is wrong, for every problem at once", () => {
    const found = problems(`version: 2
signing: { mode: tail }
tenants:
  payments:
    paths: []
    signers: ["0123456789ABCDEF"]
    namespace: ["payments"]
rules:
  block: severe
  exceptions:
    - rule: "rbac/*"
      paths: ["x"]
      reason: ""
colour: red
`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^version: must be 1/),
        expect.stringMatching(/^signing\.mode: /),
        expect.stringMatching(/^tenants\.payments\.paths: a tenant needs at least one path pattern/),
        expect.stringMatching(/^tenants\.payments\.signers\[0\]: must be an OpenPGP primary key fingerprint .*key ids are not accepted/),
        expect.stringMatching(/^tenants\.payments: unknown key "namespace"/),
        expect.stringMatching(/^rules\.block: /),
        expect.stringMatching(/^rules\.exceptions\[0\]\.reason: an exception needs a reason/),
        expect.stringMatching(/^unknown key "colour"/),
      ]),
    );
  });

  it("refuses to disable, soften or except signature rules", () => {
    const found = problems(`version: 1
rules:
  disable: ["signature/unsigned"]
  severity: { "signature/untrusted-key": low }
  exceptions:
    - { rule: "signature/*", paths: ["**"], reason: "trust me" }
    - { rule: "*", paths: ["**"], reason: "everything" }
`);
    expect(found).toEqual([
      "rules.disable[0]: signature rules cannot be disabled",
      "rules.severity.signature/untrusted-key: signature rules are always critical",
      "rules.exceptions[0].rule: signature findings cannot be excepted",
      "rules.exceptions[1].rule: signature findings cannot be excepted",
    ]);
  });

  it("validates the workflow settings: approvers, automation signers, web-flow merges", () => {
    expect(problems(`version: 1\nsigning: { webFlow: merge-commits }\n`)).toEqual([
      "signing.webFlowKey: webFlow: merge-commits needs webFlowKey: the path of GitHub's web-flow public key in the repository",
    ]);
    expect(problems(`version: 1\ntenants:\n  t: { paths: ["a/**"], approvers: ["acme/platform", "bad login!"] }\nautomation: { signers: [] }\n`)).toEqual([
      'tenants.t.approvers[1]: must be a GitHub login ("alice") or a team ("org/team-slug")',
      "automation.signers: list the image-automation signing key fingerprints",
    ]);
    const policy = parsePolicy(`version: 1\nsigning: { webFlow: merge-commits, webFlowKey: .github/web-flow.asc }\nautomation: { signers: ["${FPR}"] }\n`, "p.yml");
    expect(policy.signing.webFlowKey).toBe(".github/web-flow.asc");
    expect(policy.automation).toEqual({ signers: [FPR] });
  });

  it("rejects key sources that are neither a secret nor a file", () => {
    expect(problems(`version: 1\nsigning:\n  keys:\n    - { secret: a.yaml, file: b.asc }\n`)[0]).toMatch(
      /^signing\.keys\[0\]: each key source must be exactly one of/,
    );
  });

  it("reports YAML errors and refuses aliases (no alias bombs in a policy)", () => {
    expect(problems("version: 1\ntenants: [\n")[0]).toMatch(/^YAML: /);
    expect(problems(`version: 1\nx: &a [1]\ny: *a\n`).join("\n")).toMatch(/[Aa]lias/);
    expect(problems("- just\n- a list\n")).toEqual(["the policy must be a YAML mapping starting with `version: 1`"]);
    expect(problems("")).toEqual(["the policy must be a YAML mapping starting with `version: 1`"]);
    // 50,000 nested sequences on one line would exhaust the YAML parser's memory: refused before parsing.
    expect(problems(`version: 1\nx:\n  ${"- ".repeat(50_000)}1\n`)).toEqual(["YAML: nests far too deeply to be a policy; not parsed"]);
  });

  it("ships a valid default policy: one tenant, any allowed key, keys discovered", () => {
    const { policy } = defaultPolicy();
    expect(policy.signing.keys).toBeUndefined();
    expect(policy.tenants).toEqual({ repository: { paths: ["**"], signers: ["*"], clusterScoped: true, namespaces: [], approvers: [] } });
  });

  it("accepts a valid full policy", () => {
    const policy = parsePolicy(
      `version: 1
signing:
  mode: head
  keys: [{ secret: keys.yaml }, { file: "keys/*.asc" }]
tenants:
  platform: { paths: ["**"], signers: ["${FPR}"], clusterScoped: true }
unowned: allow
rules:
  block: critical
  disable: ["image/mutable-tag"]
  severity: { "rbac/wildcard": medium }
  registries: ["ghcr.io/"]
  exceptions: [{ rule: "rbac/*", paths: ["gotk.yaml"], reason: "Flux's own controllers" }]
`,
      "p.yml",
    );
    expect(policy.signing).toEqual({ mode: "head", keys: [{ secret: "keys.yaml" }, { file: "keys/*.asc" }], webFlow: "reject" });
    expect(policy.rules.exceptions[0]!.reason).toBe("Flux's own controllers");
  });
});
