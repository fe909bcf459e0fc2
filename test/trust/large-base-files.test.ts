import { afterAll, expect, it } from "vitest";
import { createExampleFleet } from "../support/example-fleet.js";
import { runCli } from "../support/run-cli.js";
import type { Decision } from "../../src/engine/decision.js";

/**
 * Flux's own gotk-components.yaml and other CRD bundles easily pass 1 MiB. The base tree is read for the repository
 * index (CRD-declared cluster-scoped kinds): a big file there must be read, not make every check fail to evaluate.
 */
const fleet = createExampleFleet();
afterAll(() => fleet.dispose());

function crdBundle(kind: string, padTo: number): string {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${kind.toLowerCase()}s.example.com
spec:
  group: example.com
  scope: Cluster
  names: { kind: ${kind}, plural: ${kind.toLowerCase()}s }
  versions: [{ name: v1, served: true, storage: true, schema: { openAPIV3Schema: { type: object } } }]
`;
  const padding = "# The rest of the bundle: descriptions, schemas, controllers.\n";
  return `${crd}${padding.repeat(Math.ceil((padTo - crd.length) / padding.length))}`;
}

it("reads a 2 MiB CRD bundle in the base and uses what it declares", async () => {
  fleet.repo.write("clusters/production/platform/crds.yaml", crdBundle("Realm", 2 * 1024 * 1024));
  fleet.repo.commit("platform: CRD bundle", { gpg: fleet.platform });
  fleet.repo.checkout("realm", true);
  fleet.repo.write("clusters/production/payments/realm.yaml", "apiVersion: example.com/v1\nkind: Realm\nmetadata:\n  name: payments\n");
  fleet.repo.commit("payments: a cluster-scoped Realm", { gpg: fleet.payments });
  const result = await runCli(["check", "--base", "main", "--head", "realm", "--format", "json"], fleet.repo.dir);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(1);
  const decision = JSON.parse(result.stdout) as Decision;
  expect(decision.findings.map((f) => `${f.rule} ${f.path}`)).toContain("tenancy/cluster-scoped-kind clusters/production/payments/realm.yaml");
});
