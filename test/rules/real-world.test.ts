import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { applyPolicy } from "../../src/engine/apply-policy.js";
import { analyzeManifests } from "../../src/manifests/analyze-manifests.js";
import { buildRepoIndex, type RepoIndex } from "../../src/manifests/repo-index.js";
import { parsePolicy } from "../../src/policy/load-policy.js";
import type { FileChange, TreeReader } from "../../src/sources/change-set.js";
import { fileChange } from "./support/file-change.js";
import { MANIFEST_FIXTURES } from "./support/fixture-policy.js";

const ROOT = join(MANIFEST_FIXTURES, "real-world");
const policy = parsePolicy(readFileSync(join(ROOT, "policy.yml"), "utf8"), "real-world/policy.yml");
const EMPTY_TREE: TreeReader = { commit: "0".repeat(40), list: async () => [], read: async () => null, readMany: async () => new Map() };

/** The layout's files, by repository path. */
function layout(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(relative(ROOT, full), readFileSync(full, "utf8"));
    }
  };
  walk(join(ROOT, "clusters"));
  return files;
}

async function run(files: FileChange[], index?: RepoIndex) {
  const { findings } = await analyzeManifests({ files, policy, index: index ?? (await buildRepoIndex(EMPTY_TREE, files)) });
  return { findings, decided: applyPolicy(findings, policy.rules) };
}

/** A change editing one file of the layout with `edit`. */
function edit(path: string, edit: (text: string) => string): FileChange {
  const base = layout().get(path)!;
  const head = edit(base);
  expect(head, `the edit of ${path} changed nothing`).not.toBe(base);
  return fileChange(path, { base, head });
}

describe("real-world layout: Flux bootstrap, a platform and a tenant", () => {
  it("added from scratch, produces only the accepted risks, none blocking", async () => {
    const files = [...layout()].map(([path, text]) => fileChange(path, { head: text }));
    const { findings, decided } = await run(files);
    expect(decided.filter((f) => f.blocking).map((f) => `${f.rule} ${f.path}:${f.line} ${f.message}`)).toEqual([]);
    expect(decided.every((f) => f.exception)).toBe(true);
    const summary = [...new Set(findings.map((f) => `${f.path} ${f.rule}`))].sort();
    expect(summary).toEqual([
      "clusters/prod/flux-system/gotk-components.yaml rbac/aggregate-to-builtin",
      "clusters/prod/flux-system/gotk-components.yaml rbac/cluster-admin-binding",
      "clusters/prod/flux-system/gotk-components.yaml rbac/secrets-read",
      "clusters/prod/flux-system/gotk-components.yaml rbac/wildcard",
      "clusters/prod/flux-system/gotk-sync.yaml flux/kustomization-no-service-account",
      "clusters/prod/platform/cert-manager.yaml helm/no-service-account",
      "clusters/prod/platform/ingress-nginx.yaml helm/no-service-account",
      "clusters/prod/platform/rbac.yaml rbac/cluster-admin-binding",
    ]);
  });

  it.each([
    ["a tenant image bump and a replicas change", "clusters/prod/payments/deploy.yaml", (t: string) => t.replace("payments-api:1.4.2", "payments-api:1.5.0").replace("replicas: 2", "replicas: 4")],
    ["a kustomize images tag bump", "clusters/prod/payments/kustomization.yaml", (t: string) => t.replace('newTag: "1.4.2"', 'newTag: "1.5.0"')],
    ["a Flux upgrade", "clusters/prod/flux-system/gotk-components.yaml", (t: string) => t.replaceAll("v2.4.0", "v2.5.0").replaceAll(":v1.4.1", ":v1.5.0")],
    ["a cert-manager chart bump", "clusters/prod/platform/cert-manager.yaml", (t: string) => t.replace('version: "1.16.x"', 'version: "1.17.x"')],
    ["a new tenant Kustomization setting", "clusters/prod/flux-system/tenants.yaml", (t: string) => t.replace("interval: 10m", "interval: 5m\n  timeout: 3m")],
    ["an ingress-nginx chart bump and more replicas", "clusters/prod/platform/ingress-nginx.yaml", (t: string) => t.replace('version: "4.11.x"', 'version: "4.12.x"').replace("replicaCount: 2", "replicaCount: 3")],
    ["a worker release with a new digest", "clusters/prod/payments/worker.yaml", (t: string) => t.replace(/payments-worker:1\.4\.2@sha256:9c1e\w+/, `payments-worker:1.5.0@sha256:${"4d".repeat(32)}`)],
    ["an image policy range moved within its major", "clusters/prod/payments/image-automation.yaml", (t: string) => t.replace('range: ">=1.4.0 <2.0.0"', 'range: ">=1.5.0 <2.0.0"')],
  ])("%s produces no finding at all", async (_, path, change) => {
    expect((await run([edit(path, change)])).findings).toEqual([]);
  });

  it("a tenant adding a cluster-admin binding fails, on the right lines", async () => {
    const crb = "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: shortcut\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: ServiceAccount\n    name: payments-api\n    namespace: payments\n";
    const { decided } = await run([edit("clusters/prod/payments/rbac.yaml", (t) => t + crb)]);
    const offset = layout().get("clusters/prod/payments/rbac.yaml")!.split("\n").length - 1;
    expect(decided.map((f) => [f.rule, f.severity, f.blocking, f.line])).toEqual([
      ["rbac/cluster-admin-binding", "critical", true, offset + 11],
      ["tenancy/cluster-scoped-kind", "high", true, offset + 3],
    ]);
  });

  it("dropping the tenant Kustomization's service account and namespace fails", async () => {
    const change = edit("clusters/prod/flux-system/tenants.yaml", (t) => t.replace("  serviceAccountName: payments-reconciler\n  targetNamespace: payments\n", ""));
    const { decided } = await run([change]);
    expect(decided.map((f) => [f.rule, f.blocking, f.line])).toEqual([
      ["flux/kustomization-no-service-account", true, 6],
      ["flux/kustomization-no-target-namespace", false, 6],
    ]);
  });

  it("removing verification from the Flux source fails even though only lines were deleted", async () => {
    const change = edit("clusters/prod/flux-system/gotk-sync.yaml", (t) => t.replace("  verify:\n    mode: HEAD\n    secretRef:\n      name: allowed-signing-keys\n", ""));
    const { decided } = await run([change]);
    expect(decided.map((f) => [f.rule, f.severity, f.blocking, f.line])).toEqual([["flux/source-verify-weakened", "critical", true, 8]]);
  });

  it("privileged HelmRelease values (adversary 4) fail on the values line, flagged as a heuristic", async () => {
    const path = "clusters/prod/platform/ingress-nginx.yaml";
    const change = edit(path, (t) => t.replace("      replicaCount: 2\n", "      replicaCount: 2\n      containerSecurityContext:\n        privileged: true\n"));
    const line = new TextDecoder().decode(change.head!.content!).split("\n").indexOf("        privileged: true") + 1;
    const { decided } = await run([change]);
    expect(decided.map((f) => [f.rule, f.severity, f.blocking, f.line, f.confidence])).toEqual([["helm/values-privileged", "high", true, line, "heuristic"]]);
  });

  it("an image policy opened to any newer version (adversary 5) fails", async () => {
    const path = "clusters/prod/payments/image-automation.yaml";
    const change = edit(path, (t) => t.replace('range: ">=1.4.0 <2.0.0"', 'range: ">=1.4.0"'));
    const line = layout().get(path)!.split("\n").findIndex((l) => l.includes("range:")) + 1;
    const { decided } = await run([change]);
    expect(decided.map((f) => [f.rule, f.severity, f.blocking, f.line])).toEqual([["image/policy-unbounded", "high", true, line]]);
  });

  it("a privileged sidecar fails; the Restricted settings it lacks are reported without blocking", async () => {
    const sidecar = "        - name: debug\n          image: ghcr.io/example/debug:1.0.0\n          securityContext:\n            privileged: true\n";
    const change = edit("clusters/prod/payments/deploy.yaml", (t) => `${t}${sidecar}`);
    const at = layout().get("clusters/prod/payments/deploy.yaml")!.split("\n").length - 1;
    const { decided } = await run([change]);
    expect(decided.map((f) => [f.rule, f.severity, f.blocking, f.line])).toEqual([
      ["pod-security/privileged", "critical", true, at + 4],
      ["pod-security/allow-privilege-escalation", "medium", false, at + 3],
      ["pod-security/capabilities-not-dropped", "low", false, at + 3],
    ]);
  });
});
