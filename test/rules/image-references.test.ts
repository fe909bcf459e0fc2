import { describe, expect, it } from "vitest";
import { isApprovedName, isApprovedRegistry } from "../../src/rules/image/approved-registry.js";
import { composeImage, parseImageReference } from "../../src/rules/image/image-reference.js";
import { isBoundedSemverRange } from "../../src/rules/image/semver-range.js";
import { acceptsAnyTag, compileTagPattern, lostAnchor } from "../../src/rules/image/tag-pattern.js";

describe("parseImageReference: Docker Hub names normalised as the runtime resolves them", () => {
  it.each([
    ["nginx", "docker.io/library/nginx", null, null],
    ["nginx:1.27", "docker.io/library/nginx", "1.27", null],
    ["bitnami/redis:7.4", "docker.io/bitnami/redis", "7.4", null],
    ["index.docker.io/library/nginx:latest", "docker.io/library/nginx", "latest", null],
    ["docker.io/nginx", "docker.io/library/nginx", null, null],
    ["GHCR.io/example/api:1.0", "ghcr.io/example/api", "1.0", null],
    ["localhost:5000/app", "localhost:5000/app", null, null],
    ["localhost/app:1", "localhost/app", "1", null],
    ["ghcr.io/example/api:1.4.2@sha256:abc", "ghcr.io/example/api", "1.4.2", "sha256:abc"],
    ["ghcr.io/example/api@sha256:abc", "ghcr.io/example/api", null, "sha256:abc"],
  ])("%s → %s", (raw, name, tag, digest) => {
    expect(parseImageReference(raw)).toMatchObject({ name, tag, digest });
  });

  it("refuses empty and spaced strings", () => {
    expect(parseImageReference("")).toBeNull();
    expect(parseImageReference("not an image")).toBeNull();
  });

  it("composes Helm values shapes, keeping a registry already in the repository", () => {
    expect(composeImage({ registry: "registry.k8s.io", repository: "ingress-nginx/controller", tag: "v1.11.3", digest: null })).toMatchObject({ name: "registry.k8s.io/ingress-nginx/controller", tag: "v1.11.3" });
    expect(composeImage({ registry: "ghcr.io", repository: "quay.io/jetstack/cert-manager-controller", tag: null, digest: null })?.name).toBe("quay.io/jetstack/cert-manager-controller");
    expect(composeImage({ registry: null, repository: "redis", tag: "7", digest: null })?.name).toBe("docker.io/library/redis");
  });
});

describe("approved registries", () => {
  it("matches prefixes at a path boundary only", () => {
    expect(isApprovedName("ghcr.io/example/api", ["ghcr.io/example"])).toBe(true);
    expect(isApprovedName("ghcr.io/example/api", ["ghcr.io/example/"])).toBe(true);
    expect(isApprovedName("ghcr.io/example-evil/api", ["ghcr.io/example"])).toBe(false);
    expect(isApprovedName("ghcr.io.attacker.example/x", ["ghcr.io"])).toBe(false);
  });

  it("normalises Docker Hub in the policy's prefixes too", () => {
    expect(isApprovedName("docker.io/library/nginx", ["index.docker.io/library/"])).toBe(true);
    expect(isApprovedName("docker.io/library/nginx", ["docker.io/bitnami/"])).toBe(false);
  });

  it("approves a registry given alone when an approved prefix lies in it", () => {
    expect(isApprovedRegistry("ghcr.io", ["ghcr.io/example/"])).toBe(true);
    expect(isApprovedRegistry("mirror.example.com", ["ghcr.io/example/"])).toBe(false);
  });
});

describe("isBoundedSemverRange", () => {
  it.each([
    ["1.16.x", true], ["1.2.3", true], ["~1.2", true], ["^1.2.0", true], [">=1.0.0 <2.0.0", true], [">= 1.0.0, < 2.0.0", true],
    ["1.2 - 1.4", true], ["1.x || 2.x", true], ["v1.2.3", true],
    ["*", false], ["", false], ["x", false], [">=1.0.0", false], ["> 1", false], ["!=1.0.0", false], ["1.x || >=3", false], ["^*", false], ["1.0 - *", false],
  ])("%j → %s", (range, bounded) => expect(isBoundedSemverRange(range)).toBe(bounded));
});

describe("ImagePolicy tag patterns (Go syntax)", () => {
  it("compiles Go named groups and a leading (?i), and refuses what JavaScript cannot read", () => {
    expect(compileTagPattern("^main-(?P<ts>[0-9]+)$")?.exec("main-42")?.groups?.ts).toBe("42");
    expect(compileTagPattern("(?i)^RC")?.test("rc1")).toBe(true);
    expect(compileTagPattern("([")).toBeNull();
  });

  it("recognises filters that accept anything, and dropped anchors", () => {
    expect(acceptsAnyTag(".*")).toBe(true);
    expect(acceptsAnyTag("^.*$")).toBe(true);
    expect(acceptsAnyTag("")).toBe(true);
    expect(acceptsAnyTag("^main-[a-f0-9]+-(?P<ts>[0-9]+)$")).toBe(false);
    expect(lostAnchor("^main-.*$", "main-.*$")).toBe(true);
    expect(lostAnchor("^main-.*$", "^main-.*")).toBe(true);
    expect(lostAnchor("^main-.*$", "^release-.*$")).toBe(false);
  });
});
