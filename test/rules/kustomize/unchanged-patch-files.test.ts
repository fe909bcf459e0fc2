import { describe, expect, it } from "vitest";
import { analyzeManifests } from "../../../src/manifests/analyze-manifests.js";
import { buildRepoIndex } from "../../../src/manifests/repo-index.js";
import type { FileChange } from "../../../src/sources/change-set.js";
import { fileChange } from "../support/file-change.js";
import { fixturePolicy } from "../support/fixture-policy.js";
import { treeOf } from "../support/tree-reader.js";

/**
 * A kustomization in the change applying a patch file the change does not otherwise judge: the base tree's text
 * through the repository index (an untouched file), or the head's (a touched strategic-merge file). Findings are on
 * the reference, keyed by file and target. Single-file cases are fixtures (`*.tree/` folders hold the base tree).
 */

const policy = fixturePolicy();
const DIR = "clusters/prod/payments";
const POD = "kustomize/patch-pod-security";
const GUARD = "kustomize/patch-weakens-guard";
const PRIVILEGED = "# debugging only\n- op: replace\n  path: /spec/replicas\n  value: 1\n- op: add\n  path: /spec/template/spec/containers/0/securityContext/privileged\n  value: true\n";
const HOST_NETWORK = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      hostNetwork: true\n";

/** A kustomization of `dir` with `entries` under `patches:` (each `path` or `path|Kind/name`). */
function kustomization(entries: string[], extra = "", kind = "Kustomization"): string {
  const patches = entries.map((entry) => {
    const [path, target] = entry.split("|");
    const [k, name] = (target ?? "").split("/");
    return `  - path: ${path}\n${target ? `    target:\n      kind: ${k}\n      name: ${name}\n` : ""}`;
  });
  return `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: ${kind}\nresources:\n  - deployment.yaml\n${extra}${patches.length ? `patches:\n${patches.join("")}` : ""}`;
}

async function findings(base: Record<string, string>, files: FileChange[], rule?: string) {
  const index = await buildRepoIndex(treeOf(base), files);
  const all = (await analyzeManifests({ files, policy, index })).findings;
  return (rule ? all.filter((f) => f.rule === rule) : all).map((f) => ({ rule: f.rule, path: f.path, line: f.line, message: f.message }));
}

describe("patch files a changed kustomization applies, untouched by the change", () => {
  const base = { [`${DIR}/kustomization.yaml`]: kustomization([]), [`${DIR}/patches/debug.yaml`]: PRIVILEGED };

  it("reports on the reference, naming the file and the operation's line in it", async () => {
    const files = [fileChange(`${DIR}/kustomization.yaml`, { base: kustomization([]), head: kustomization(["patches/debug.yaml|Deployment/api"]) })];
    expect(await findings(base, files)).toEqual([
      {
        rule: POD,
        path: `${DIR}/kustomization.yaml`,
        line: 6,
        message: `Kustomization ${DIR}: patch file ${DIR}/patches/debug.yaml line 7 (applied to Deployment api by patches[0]): container #0 sets privileged: true, exactly as if the manifest said so.`,
      },
    ]);
  });

  it("reports a file applied twice to the same target once, on the first reference", async () => {
    const head = kustomization(["patches/debug.yaml|Deployment/api", "./patches/debug.yaml|Deployment/api"]);
    expect((await findings(base, [fileChange(`${DIR}/kustomization.yaml`, { base: kustomization([]), head })])).map((f) => f.line)).toEqual([6]);
  });

  it("reports nothing new when the base kustomization applied the same file to the same target", async () => {
    const before = kustomization(["patches/debug.yaml|Deployment/api"]);
    const after = kustomization(["./patches/../patches/debug.yaml|Deployment/api"], "namePrefix: prod-\n");
    const tree = { ...base, [`${DIR}/kustomization.yaml`]: before };
    expect(await findings(tree, [fileChange(`${DIR}/kustomization.yaml`, { base: before, head: after })])).toEqual([]);
    // The same edit against a base that did not apply it reports it: the subtraction, not the index, hid it above.
    expect(await findings(tree, [fileChange(`${DIR}/kustomization.yaml`, { base: kustomization([]), head: after })], POD)).toHaveLength(1);
  });

  it("reports a file another overlay applies, for this kustomization, and a new target for it", async () => {
    const staging = "clusters/staging/payments/kustomization.yaml";
    const tree = { ...base, [staging]: kustomization(["../../prod/payments/patches/debug.yaml|Deployment/api"]) };
    const retargeted = [fileChange(`${DIR}/kustomization.yaml`, { base: kustomization(["patches/debug.yaml|Deployment/toolbox"]), head: kustomization(["patches/debug.yaml|Deployment/api"]) })];
    expect((await findings(tree, retargeted, POD)).map((f) => f.line)).toEqual([6]);
    const added = [fileChange(`${DIR}/kustomization.yaml`, { base: kustomization([]), head: kustomization(["patches/debug.yaml|Deployment/api"]) })];
    expect((await findings(tree, added, POD)).map((f) => f.line)).toEqual([6]);
  });

  it("reads strategic-merge patch files, and files named anything, through every patch field", async () => {
    const tree = { ...base, [`${DIR}/patches/host.yaml`]: HOST_NETWORK, "clusters/prod/billing/kustomization.yaml": kustomization(["../payments/patches/pid.txt|Deployment/x"]), [`${DIR}/patches/pid.txt`]: "- op: add\n  path: /spec/template/spec/hostPID\n  value: true\n" };
    const head = kustomization([], "patchesStrategicMerge:\n  - patches/host.yaml\npatchesJson6902:\n  - path: patches/pid.txt\n    target: {kind: Deployment, name: api}\n", "Component");
    const found = await findings(tree, [fileChange(`${DIR}/kustomization.yaml`, { base: kustomization([]), head })], POD);
    expect(found.map((f) => [f.line, f.message.replace(/.*: patch file (\S+) line (\d+) \(applied to (.*?) by (\S+)\).*/, "$1:$2 $3 $4")])).toEqual([
      [6, `${DIR}/patches/host.yaml:8 Deployment api patchesStrategicMerge[0]`],
      [8, `${DIR}/patches/pid.txt:3 Deployment api patchesJson6902[0]`],
    ]);
    expect(found[0]!.message).toMatch(/^Component /);
  });

  it("judges guards the same way, and stays silent when the file is missing from the base tree too", async () => {
    const tree = { "clusters/prod/platform/verify.yaml": "- op: remove\n  path: /spec/verify\n" };
    const head = kustomization(["verify.yaml|GitRepository/flux-system", "missing.yaml|GitRepository/flux-system"]);
    const found = await findings(tree, [fileChange("clusters/prod/platform/kustomization.yaml", { head })]);
    expect(found).toEqual([expect.objectContaining({ rule: GUARD, line: 6, message: expect.stringContaining("patch file clusters/prod/platform/verify.yaml line 2 (applied to GitRepository flux-system by patches[0]) removes spec.verify") })]);
  });
});

describe("patch files a changed kustomization applies, touched by the change", () => {
  it("judges a touched strategic-merge file by its head text: a comment does not hide a new reference", async () => {
    const tree = { [`${DIR}/kustomization.yaml`]: kustomization([]), [`${DIR}/host.yaml`]: HOST_NETWORK };
    const files = [
      fileChange(`${DIR}/host.yaml`, { base: HOST_NETWORK, head: `# tidied\n${HOST_NETWORK}` }),
      fileChange(`${DIR}/kustomization.yaml`, { base: kustomization([]), head: kustomization(["host.yaml"]) }),
    ];
    expect(await findings(tree, files)).toEqual([expect.objectContaining({ rule: POD, path: `${DIR}/kustomization.yaml`, line: 6, message: expect.stringContaining(`${DIR}/host.yaml line 9`) })]);
  });

  it("leaves a touched operation list to its own object: one finding, on the operation", async () => {
    const tree = { [`${DIR}/kustomization.yaml`]: kustomization([]), [`${DIR}/ops.yaml`]: PRIVILEGED };
    const files = [
      fileChange(`${DIR}/ops.yaml`, { base: PRIVILEGED, head: `${PRIVILEGED}# reviewed\n` }),
      fileChange(`${DIR}/kustomization.yaml`, { base: kustomization([]), head: kustomization(["ops.yaml|Deployment/api"]) }),
    ];
    expect(await findings(tree, files)).toEqual([expect.objectContaining({ rule: POD, path: `${DIR}/ops.yaml`, line: 7 })]);
  });
});

describe("patch files the gate cannot read fail closed", () => {
  const big = `- op: add\n  path: /metadata/labels/x\n  value: "${"x".repeat(1_100_000)}"\n`;
  const tree = { "clusters/prod/billing/kustomization.yaml": kustomization(["../payments/big.yaml|Deployment/api"]), [`${DIR}/big.yaml`]: big, [`${DIR}/broken.yaml`]: "- op: add\n  path: /a\n  path: /b\n" };

  it("in both patch rules, once per reference, on the reference", async () => {
    const head = kustomization(["big.yaml|Deployment/api", "broken.yaml|Deployment/api"]);
    const found = await findings(tree, [fileChange(`${DIR}/kustomization.yaml`, { base: kustomization([]), head })]);
    expect(found.map((f) => [f.rule, f.line])).toEqual([
      [POD, 6],
      [GUARD, 6],
      [POD, 10],
      [GUARD, 10],
    ]);
    expect(found[0]!.message).toBe(
      `Kustomization ${DIR}: patch file ${DIR}/big.yaml (applied to Deployment api by patches[0]) is ${big.length} bytes, over the 1048576-byte limit: kustomize applies it, but the pod fields it sets cannot be checked, so the gate fails closed.`,
    );
    expect(found[2]!.message).toContain(`patch file ${DIR}/broken.yaml (applied to Deployment api by patches[1]) has a YAML error at line 3`);
  });

  it("but not again when the base kustomization already applied it", async () => {
    const both = kustomization(["big.yaml|Deployment/api"]);
    expect(await findings(tree, [fileChange(`${DIR}/kustomization.yaml`, { base: both, head: `${both}namePrefix: x-\n` })])).toEqual([]);
  });
});
