import { describe, expect, it } from "vitest";
import { DEFAULT_MANIFEST_LIMITS } from "../../src/manifests/limits.js";
import { parseManifests } from "../../src/manifests/parse-manifests.js";

const parse = (text: string, path = "clusters/prod/app/deploy.yaml") => parseManifests(path, "head", text);

const DEPLOYMENT = `# a comment first
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: app
          image: ghcr.io/example/api:1.0.0
        - name: sidecar
          image: ghcr.io/example/proxy:2.0.0
          securityContext:
            privileged: true
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: payments}
`;

describe("parseManifests", () => {
  it("reads every document into an object with its identity", () => {
    const file = parse(DEPLOYMENT);
    expect(file.problems).toEqual([]);
    expect(file.objects.map(({ apiVersion, group, version, kind, namespace, name, docIndex, root }) => ({ apiVersion, group, version, kind, namespace, name, docIndex, root }))).toEqual([
      { apiVersion: "apps/v1", group: "apps", version: "v1", kind: "Deployment", namespace: null, name: "api", docIndex: 0, root: [] },
      { apiVersion: "v1", group: "", version: "v1", kind: "Service", namespace: "payments", name: "api", docIndex: 1, root: [] },
    ]);
  });

  it("gives the exact line of a nested field, of a sequence item, and of a flow mapping's key", () => {
    const [deployment, service] = parse(DEPLOYMENT).objects;
    expect(deployment!.lineOf(["spec", "template", "spec", "containers", 1, "securityContext", "privileged"])).toBe(15);
    expect(deployment!.lineOf(["spec", "template", "spec", "containers", 1])).toBe(12);
    expect(deployment!.lineOf(["kind"])).toBe(3);
    expect(deployment!.lineOf([])).toBe(2);
    expect(service!.lineOf(["metadata", "namespace"])).toBe(19);
  });

  it("falls back to the nearest ancestor that exists", () => {
    const [deployment] = parse(DEPLOYMENT).objects;
    expect(deployment!.lineOf(["spec", "template", "spec", "containers", 0, "securityContext", "privileged"])).toBe(10);
    expect(deployment!.lineOf(["spec", "serviceAccountName"])).toBe(6);
    expect(deployment!.lineOf(["spec", "template", "spec", "containers", 7])).toBe(9);
  });

  it("follows << merge keys and aliases the way Kubernetes' decoder does", () => {
    const text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nx-defaults: &defaults\n  hostNetwork: true\nspec:\n  <<: *defaults\n  containers: []\n";
    const [pod] = parse(text).objects;
    expect(pod!.value.spec).toEqual({ hostNetwork: true, containers: [] });
    expect(pod!.lineOf(["spec", "hostNetwork"])).toBe(6);
  });

  it("expands the items of a List, each with its own root and lines", () => {
    const text = "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: a\n  - apiVersion: v1\n    kind: Secret\n    metadata:\n      name: b\n      namespace: x\n";
    const objects = parse(text).objects;
    expect(objects.map((o) => [o.kind, o.name, o.root])).toEqual([["ConfigMap", "a", ["items", 0]], ["Secret", "b", ["items", 1]]]);
    expect(objects[1]!.lineOf(["metadata", "namespace"])).toBe(12);
  });

  it("ignores YAML that is not a Kubernetes object, except a kustomize config file", () => {
    expect(parse("replicaCount: 2\nimage:\n  tag: 1.0\n", "charts/app/values.yaml").objects).toEqual([]);
    const [kustomization] = parse("resources:\n  - deploy.yaml\n", "clusters/prod/app/kustomization.yaml").objects;
    expect(kustomization).toMatchObject({ group: "kustomize.config.k8s.io", kind: "Kustomization", name: "clusters/prod/app", namespace: null });
    expect(kustomization!.lineOf(["resources", 0])).toBe(2);
    expect(parse("kind: Component\n", "base/Kustomization").objects[0]).toMatchObject({ kind: "Component", name: "base" });
  });

  it("reports a parse error with YAML's line and column and keeps the other documents", () => {
    const file = parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\nkey: [unclosed\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
    expect(file.problems).toEqual([{ kind: "parse-error", line: 7, message: expect.stringMatching(/^has a YAML error at line 7, column 1: /) }]);
    expect(file.objects.map((o) => o.name)).toEqual(["a", "c"]);
  });

  it("refuses duplicate keys and recursive aliases, as Kubernetes does", () => {
    expect(parse("a: 1\na: 2\n").problems[0]).toMatchObject({ kind: "parse-error", line: 2 });
    expect(parse("a: &x\n  b: *x\n").problems[0]).toMatchObject({ kind: "parse-error", message: expect.stringContaining("recursive alias") });
  });

  it("refuses a billion-laughs alias bomb fast", () => {
    let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let previous = "a";
    for (const name of "bcdefghi") {
      text += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]\n`;
      previous = name;
    }
    const started = performance.now();
    const file = parse(text);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(file.problems).toEqual([{ kind: "alias-bomb", line: 1, message: "expands more than 100 aliases (an alias bomb): not evaluated" }]);
  });

  it.each([
    ["flow sequences", "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"],
    ["flow mappings", "a: " + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n"],
    ["compact block sequences", "- ".repeat(10_000) + "x\n"],
    ["100,000 compact block sequences", "- ".repeat(100_000) + "x\n"],
    ["tab-separated block sequences", "-\t".repeat(50_000) + "x\n"],
    ["sequences behind anchors and tags", "- &a !t ".repeat(30_000) + "x\n"],
    ["complex keys", "? ".repeat(50_000) + "x\n"],
  ])("refuses 10,000+ levels of %s without a stack overflow", (_, text) => {
    const started = performance.now();
    const file = parse(text);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(file.problems).toEqual([{ kind: "too-deep", line: null, message: "nests far deeper than 64 levels: not parsed" }]);
  });

  it("refuses nesting past the depth limit that the pre-scan lets through, and accepts the limit itself", () => {
    const deep = (n: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata:\n  x: ${"[".repeat(n)}${"]".repeat(n)}\n`;
    expect(parse(deep(70)).problems).toEqual([{ kind: "too-deep", line: 1, message: "nests deeper than 64 levels: not evaluated" }]);
    expect(parse(deep(DEFAULT_MANIFEST_LIMITS.maxDepth - 3)).problems).toEqual([]);
  });

  it("accepts 5,000 documents and refuses the 5,001st clearly", () => {
    const doc = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`;
    const five = Array.from({ length: 5_000 }, (_, i) => doc(i)).join("---\n");
    const started = performance.now();
    expect(parse(five)).toMatchObject({ problems: [], objects: { length: 5_000 } });
    expect(performance.now() - started).toBeLessThan(5_000);
    const file = parse(`${five}---\n${doc(5_000)}`);
    expect(file.objects).toHaveLength(5_000);
    expect(file.problems).toEqual([{ kind: "too-large", line: 25_000, message: "has more than 5000 YAML documents: not evaluated past this one" }]);
  });

  it("does not mistake a long line of prose or spaced JSON for nesting", () => {
    const json = `{${Array.from({ length: 3_000 }, (_, i) => `"k${i}": "a - b"`).join(", ")}}`;
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: j\ndata:\n  config.json: |\n    ${json}\n  notes: ${"a - b - c ".repeat(2_000)}\n`;
    expect(parse(text).problems).toEqual([]);
  });

  it("does not count brackets inside quoted strings or comments as nesting", () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: q # ${"[".repeat(2_000)}\ndata:\n  a: "${"[".repeat(2_000)}"\n  b: don't ${"{".repeat(10)}\n`;
    expect(parse(text).problems).toEqual([]);
  });
});
