import { describe, expect, it } from "vitest";
import { compareYaml } from "../../src/automation/compare-yaml.js";

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: apps
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:1.0.0 # {"$imagepolicy": "flux-system:api"}
          args: ["--port", "8080"]
`;

const bump = (text: string, to = "1.0.1") => text.replace("api:1.0.0", `api:${to}`);
const messages = (base: string, head: string) => {
  const result = compareYaml(base, head);
  if ("unreadable" in result) throw new Error(result.unreadable);
  return result.differences.map((d) => `${d.line ?? "-"} ${d.message}`);
};

describe("compareYaml", () => {
  it("finds the marked value change, with its line, field and object", () => {
    expect(compareYaml(DEPLOYMENT, bump(DEPLOYMENT))).toEqual({
      differences: [],
      marked: [
        {
          marker: { setter: "flux-system:api", namespace: "flux-system", policy: "api", field: "image" },
          before: "ghcr.io/acme/api:1.0.0",
          after: "ghcr.io/acme/api:1.0.1",
          line: 12,
          field: "spec.template.spec.containers[0].image",
          object: { apiVersion: "apps/v1", kind: "Deployment", namespace: "apps", name: "api" },
        },
      ],
    });
  });

  it("ignores what kyaml's rewrite changes: indentation, flow style, ordinary comments, key order", () => {
    const rewritten = bump(DEPLOYMENT)
      .replace(/\n {8}- /g, "\n      - ")
      .replace(/\n {10}/g, "\n        ")
      .replace('args: ["--port", "8080"]', 'args:\n          - "--port"\n          - "8080"')
      .replace("kind: Deployment", "kind: Deployment # the api")
      .replace("apiVersion: apps/v1\nkind: Deployment # the api", "kind: Deployment # the api\napiVersion: apps/v1");
    const result = compareYaml(DEPLOYMENT, rewritten);
    expect(result).toMatchObject({ differences: [], marked: [{ after: "ghcr.io/acme/api:1.0.1" }] });
  });

  it("names every unmarked change: values, keys, items, documents", () => {
    const head = bump(DEPLOYMENT)
      .replace("replicas: 2", "replicas: 3")
      .replace('args: ["--port", "8080"]', 'args: ["--port", "8080", "--debug"]\n          securityContext:\n            privileged: true');
    expect(messages(DEPLOYMENT, `${head}---\napiVersion: v1\nkind: ConfigMap\n`)).toEqual([
      "- the file has 1 YAML documents at the base and 2 now",
      '7 `spec.replicas` changed from "2" to "3" on a line without an image-policy setter marker',
      "13 `spec.template.spec.containers[0].args` has 2 items at the base and 3 now",
      "14 `spec.template.spec.containers[0].securityContext` was added",
    ]);
  });

  it("refuses markers added, removed or retargeted, even with the value unchanged", () => {
    const removed = DEPLOYMENT.replace(' # {"$imagepolicy": "flux-system:api"}', "");
    expect(messages(DEPLOYMENT, removed)).toEqual(['12 the setter marker "flux-system:api" was removed from `spec.template.spec.containers[0].image`']);
    expect(messages(removed, DEPLOYMENT)).toEqual(['12 a setter marker "flux-system:api" was added to `spec.template.spec.containers[0].image`']);
    const retargeted = DEPLOYMENT.replace("flux-system:api", "flux-system:anything");
    expect(messages(DEPLOYMENT, retargeted)).toEqual(['12 the setter marker on `spec.template.spec.containers[0].image` changed from "flux-system:api" to "flux-system:anything"']);
  });

  it("does not take a marker from the next line, nor one on a collection", () => {
    const base = 'image: ghcr.io/acme/api:1.0.0\n# {"$imagepolicy": "flux-system:api"}\nargs: [a] # {"$imagepolicy": "flux-system:api"}\n';
    const head = 'image: ghcr.io/acme/api:1.0.1\n# {"$imagepolicy": "flux-system:api"}\nargs: [b] # {"$imagepolicy": "flux-system:api"}\n';
    expect(messages(base, head)).toEqual([
      '1 `image` changed from "ghcr.io/acme/api:1.0.0" to "ghcr.io/acme/api:1.0.1" on a line without an image-policy setter marker',
      '3 `args[0]` changed from "a" to "b" on a line without an image-policy setter marker',
    ]);
  });

  it("compares plain scalars by their text and quoted ones by value, so typing tricks show", () => {
    expect(messages("a: yes\nb: 010\n", 'a: "yes"\nb: 8\n')).toEqual([
      '1 `a` changed from plain to quoted "yes", which YAML may type differently',
      '2 `b` changed from "010" to "8" on a line without an image-policy setter marker',
    ]);
    expect(messages("a: 'x'\n", 'a: "x"\n')).toEqual([]);
  });

  it("refuses anchor, alias and tag changes, and keeps a marked value's text as written", () => {
    expect(messages("a: &x 1\nb: *x\n", "a: &y 1\nb: *y\n")).toEqual(["1 the anchor on `a` changed from x to y", "2 `b` now refers to anchor *y instead of *x"]);
    expect(messages("a: 1\n", "a: !!str 1\n")).toEqual(["1 the explicit YAML tag of `a` changed from none to tag:yaml.org,2002:str"]);
    const tag = compareYaml('tag: 1.10 # {"$imagepolicy": "ns:p:tag"}\n', 'tag: "1.20" # {"$imagepolicy": "ns:p:tag"}\n');
    expect(tag).toMatchObject({ differences: [], marked: [{ before: "1.10", after: "1.20" }] });
  });

  it("is unreadable, never throwing, when a side does not parse or nests absurdly", () => {
    expect(compareYaml("a: [1\n", "a: 1\n")).toEqual({ unreadable: expect.stringContaining("does not parse as YAML at the base (line") });
    expect(compareYaml("a: 1\n", "a: 1\na: 2\n")).toEqual({ unreadable: expect.stringContaining("at the head") });
    expect(compareYaml("a: 1\n", `${"- ".repeat(5000)}x\n`)).toEqual({ unreadable: "nests too deeply at the head to be compared" });
  });
});
