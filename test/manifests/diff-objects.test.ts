import { describe, expect, it } from "vitest";
import { diffObjects } from "../../src/manifests/diff-objects.js";
import { parseManifests } from "../../src/manifests/parse-manifests.js";
import type { ManifestObject, Side } from "../../src/manifests/types.js";

const object = (path: string, side: Side, kind: string, name: string, extra = "", apiVersion = "apps/v1") =>
  parseManifests(path, side, `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: payments\n${extra}`).objects[0]!;

const pairs = (base: ManifestObject[], head: ManifestObject[], renames?: Map<string, string>) =>
  diffObjects(base, head, renames).map((c) => [c.base?.path ?? null, c.head?.path ?? null]);

describe("diffObjects", () => {
  it("pairs an object with itself across a rename", () => {
    const base = [object("a/old.yaml", "base", "Deployment", "api")];
    const head = [object("a/new.yaml", "head", "Deployment", "api")];
    expect(pairs(base, head, new Map([["a/new.yaml", "a/old.yaml"]]))).toEqual([["a/old.yaml", "a/new.yaml"]]);
  });

  it("pairs an object moved to another file, and an apiVersion bump keeps identity", () => {
    const base = [object("a/all.yaml", "base", "Deployment", "api", "", "apps/v1beta2")];
    const head = [object("a/deploy.yaml", "head", "Deployment", "api")];
    expect(pairs(base, head)).toEqual([["a/all.yaml", "a/deploy.yaml"]]);
  });

  it("keeps added and deleted objects apart", () => {
    const base = [object("a/x.yaml", "base", "Deployment", "old")];
    const head = [object("a/x.yaml", "head", "Deployment", "new")];
    const names = diffObjects(base, head).map((c) => [c.base?.name ?? null, c.head?.name ?? null]);
    expect(names).toHaveLength(2);
    expect(names).toEqual(expect.arrayContaining([["old", null], [null, "new"]]));
  });

  it("pairs the same identity per cluster folder, never staging's base with prod's head", () => {
    const base = [object("clusters/staging/app/deploy.yaml", "base", "Deployment", "api"), object("clusters/prod/app/deploy.yaml", "base", "Deployment", "api")];
    const head = [object("clusters/prod/app/deploy.yaml", "head", "Deployment", "api"), object("clusters/staging/app/moved.yaml", "head", "Deployment", "api")];
    expect(pairs(base, head).sort()).toEqual([
      ["clusters/prod/app/deploy.yaml", "clusters/prod/app/deploy.yaml"],
      ["clusters/staging/app/deploy.yaml", "clusters/staging/app/moved.yaml"],
    ]);
  });

  it("distinguishes kind, group and namespace", () => {
    const base = [object("a/x.yaml", "base", "Role", "r", "", "rbac.authorization.k8s.io/v1")];
    const head = [object("a/x.yaml", "head", "ClusterRole", "r", "", "rbac.authorization.k8s.io/v1")];
    expect(diffObjects(base, head)).toHaveLength(2);
  });
});
