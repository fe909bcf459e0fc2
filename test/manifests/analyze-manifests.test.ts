import { describe, expect, it } from "vitest";
import { analyzeManifests } from "../../src/manifests/analyze-manifests.js";
import { EMPTY_REPO_INDEX } from "../../src/manifests/repo-index.js";
import { containersOf, podSpecs } from "../../src/manifests/pod-specs.js";
import { containerViolations } from "../../src/rules/pod-security/fields.js";
import type { ObjectRule } from "../../src/rules/types.js";
import type { FileChange } from "../../src/sources/change-set.js";
import { blob, fileChange } from "../rules/support/file-change.js";
import { fixturePolicy } from "../rules/support/fixture-policy.js";

const policy = fixturePolicy();
const analyze = (files: FileChange[], rules?: ObjectRule[]) => analyzeManifests({ files, policy, index: EMPTY_REPO_INDEX, ...(rules ? { rules } : {}) });

/** A minimal object rule on the shared predicates: one hit per privileged container. */
const privileged: ObjectRule = {
  id: "pod-security/privileged-test",
  severity: "critical",
  title: "Privileged container",
  description: "A container sets privileged.",
  why: "Root on the node.",
  fix: "Remove it.",
  examples: { bad: "x", good: "y" },
  scope: "object",
  check: (object) =>
    podSpecs(object)
      .flatMap(containerViolations)
      .filter((v) => v.field === "privileged")
      .map((v) => ({ message: `${v.message}.`, at: v.at, key: v.key })),
};

const deployment = (containers: Array<{ name: string; image: string; privileged?: boolean }>, replicas = 2) =>
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: payments
spec:
  replicas: ${replicas}
  template:
    spec:
      containers:
${containers.map((c) => `        - name: ${c.name}\n          image: ${c.image}\n${c.privileged ? "          securityContext:\n            privileged: true\n" : ""}`).join("")}`;

const CRB = (subjects: string[]) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ops\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n${subjects.map((s) => `  - kind: ServiceAccount\n    name: ${s}\n    namespace: ops\n`).join("")}`;

describe("analyzeManifests: what the change makes worse", () => {
  const path = "clusters/prod/payments/deploy.yaml";

  it("does not re-report a risk the object already had at base", async () => {
    const base = deployment([{ name: "app", image: "ghcr.io/example/api:1.0.0", privileged: true }]);
    const head = deployment([{ name: "app", image: "ghcr.io/example/api:1.1.0", privileged: true }], 3);
    expect((await analyze([fileChange(path, { base, head })], [privileged])).findings).toEqual([]);
  });

  it("reports a new privileged container in the same object, on its privileged line", async () => {
    const base = deployment([{ name: "app", image: "ghcr.io/example/api:1.0.0", privileged: true }]);
    const head = deployment([{ name: "app", image: "ghcr.io/example/api:1.0.0", privileged: true }, { name: "debug", image: "busybox", privileged: true }]);
    const { findings } = await analyze([fileChange(path, { base, head })], [privileged]);
    expect(findings).toEqual([
      {
        rule: "pod-security/privileged-test",
        severity: "critical",
        message: "Deployment payments/api: container debug sets privileged: true.",
        remediation: "Remove it.",
        path,
        line: head.split("\n").findLastIndex((l) => l.includes("privileged: true")) + 1,
        commit: null,
        object: { apiVersion: "apps/v1", kind: "Deployment", namespace: "payments", name: "api" },
      },
    ]);
    expect(findings[0]!.line).toBe(18);
  });

  it("reports the risk of a new object, and of an object whose base could not be read", async () => {
    const head = deployment([{ name: "app", image: "x", privileged: true }]);
    expect((await analyze([fileChange(path, { head })], [privileged])).findings).toHaveLength(1);
    expect((await analyze([fileChange(path, { base: "{ broken", head })], [privileged])).findings).toHaveLength(1);
  });

  it("keeps identity across a file rename and a move between files", async () => {
    const binding = CRB(["deployer"]);
    const renamed = fileChange("clusters/prod/platform/ops-rbac.yaml", { base: binding, head: binding, previousPath: "clusters/prod/platform/rbac.yaml" });
    expect((await analyze([renamed])).findings).toEqual([]);
    const moved = [fileChange("clusters/prod/platform/rbac.yaml", { base: `${binding}---\n${deployment([{ name: "a", image: "b" }])}`, head: deployment([{ name: "a", image: "b" }]) }), fileChange("clusters/prod/platform/crb.yaml", { head: binding })];
    expect((await analyze(moved)).findings).toEqual([]);
  });

  it("judges each side in its own folder: a move into a tenant's folder is new there", async () => {
    const binding = CRB(["deployer"]);
    const moved = [fileChange("clusters/prod/platform/rbac.yaml", { base: binding }), fileChange("clusters/prod/payments/rbac.yaml", { head: binding })];
    expect((await analyze(moved)).findings.map((f) => [f.rule, f.path, f.line])).toEqual([["tenancy/cluster-scoped-kind", "clusters/prod/payments/rbac.yaml", 2]]);
  });

  it("reports a cluster-scoped object moved from one tenant's folder into another's", async () => {
    const namespace = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shared\n";
    const moved = [fileChange("clusters/prod/payments/ns.yaml", { base: namespace }), fileChange("clusters/prod/billing/ns.yaml", { head: namespace })];
    expect((await analyze(moved)).findings.map((f) => [f.rule, f.path, f.message])).toEqual([
      ["tenancy/cluster-scoped-kind", "clusters/prod/billing/ns.yaml", "Namespace shared: Namespace is cluster-scoped; tenant billing may change this folder but is not allowed cluster-scoped resources (clusterScoped is not set)."],
    ]);
  });

  it("reports a subject added to an existing cluster-admin binding, not the existing one", async () => {
    const change = fileChange("clusters/prod/platform/rbac.yaml", { base: CRB(["deployer"]), head: CRB(["deployer", "intruder"]) });
    expect((await analyze([change])).findings.map((f) => [f.rule, f.line, f.message])).toEqual([
      ["rbac/cluster-admin-binding", 13, "ClusterRoleBinding ops: binds ServiceAccount ops/intruder to ClusterRole cluster-admin in every namespace."],
    ]);
  });

  it("reports nothing for a deleted file or routine edits", async () => {
    expect((await analyze([fileChange("clusters/prod/platform/rbac.yaml", { base: CRB(["a"]) })])).findings).toEqual([]);
    const base = deployment([{ name: "app", image: "ghcr.io/example/api:1.0.0" }]);
    const head = deployment([{ name: "app", image: "ghcr.io/example/api:1.0.1" }], 5);
    expect((await analyze([fileChange(path, { base, head })])).findings).toEqual([]);
  });

  it("lists skipped files and reports unevaluable ones", async () => {
    const result = await analyze([
      fileChange("docs/README.md", { head: "# docs\n" }),
      fileChange("clusters/prod/payments/logo.yaml", { head: blob(new Uint8Array([1, 0, 2])) }),
      fileChange("clusters/prod/payments/huge.yaml", { head: { ...blob(""), size: 10 * 1024 * 1024, content: null, tooLarge: true } }),
      fileChange("clusters/prod/payments/bad.yaml", { head: "a: [1\n" }),
    ]);
    expect(result.skipped).toEqual([
      { path: "docs/README.md", reason: "not a YAML file" },
      { path: "clusters/prod/payments/logo.yaml", reason: "binary content" },
    ]);
    expect(result.findings.map((f) => [f.rule, f.path, f.line, f.object])).toEqual([
      ["manifest/parse-error", "clusters/prod/payments/bad.yaml", 2, null],
      ["manifest/too-large", "clusters/prod/payments/huge.yaml", null, null],
    ]);
  });

  it("orders findings by path, line and rule", async () => {
    const files = [
      fileChange("clusters/prod/payments/z.yaml", { head: CRB(["a"]) }),
      fileChange("clusters/prod/payments/a.yaml", { head: CRB(["a"]) }),
    ];
    const order = (await analyze(files)).findings.map((f) => `${f.path}:${f.line}:${f.rule}`);
    expect(order).toEqual([...order].sort((x, y) => x.localeCompare(y, "en", { numeric: true })));
    expect(order[0]).toBe("clusters/prod/payments/a.yaml:2:tenancy/cluster-scoped-kind");
  });
});

describe("containersOf via the shared predicates", () => {
  it("keys container findings by container name, so reordering containers is not new", async () => {
    const base = deployment([{ name: "a", image: "x", privileged: true }, { name: "b", image: "y" }]);
    const head = deployment([{ name: "b", image: "y" }, { name: "a", image: "x", privileged: true }]);
    expect((await analyze([fileChange("clusters/prod/payments/d.yaml", { base, head })], [privileged])).findings).toEqual([]);
    expect(containersOf(podSpecs({ group: "apps", kind: "Deployment", value: { spec: { template: { spec: { containers: [{ name: "a" }] } } } } })[0]!)).toHaveLength(1);
  });
});
