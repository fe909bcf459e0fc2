import { describe, expect, it } from "vitest";
import { parseSetterMarker } from "../../src/automation/setter-marker.js";

/** The comment text as the yaml library hands it over: everything after the first `#` of the line. */
describe("parseSetterMarker", () => {
  it("reads the three forms the controller writes", () => {
    expect(parseSetterMarker(' {"$imagepolicy": "flux-system:podinfo"}')).toEqual({ setter: "flux-system:podinfo", namespace: "flux-system", policy: "podinfo", field: "image" });
    expect(parseSetterMarker(' {"$imagepolicy": "flux-system:podinfo:tag"}')).toMatchObject({ policy: "podinfo", field: "tag" });
    expect(parseSetterMarker(' {"$imagepolicy": "flux-system:podinfo:name"}')).toMatchObject({ policy: "podinfo", field: "name" });
    expect(parseSetterMarker(' {"$imagepolicy": "apps:web.v2:digest"}')).toMatchObject({ namespace: "apps", policy: "web.v2", field: "digest" });
  });

  it("reads it as kyaml does: JSON after any leading #s, spacing free, other string keys allowed", () => {
    expect(parseSetterMarker('{"$imagepolicy":"a:b"}')).toMatchObject({ setter: "a:b" });
    expect(parseSetterMarker('# {"$imagepolicy": "a:b"}')).toMatchObject({ setter: "a:b" });
    expect(parseSetterMarker('\t{ "$imagepolicy" : "a:b" , "note": "bumped by flux" }  ')).toMatchObject({ setter: "a:b" });
  });

  it("takes only the scalar's own line", () => {
    expect(parseSetterMarker(' {"$imagepolicy": "a:b"}\n later comment')).toMatchObject({ setter: "a:b" });
    expect(parseSetterMarker(' release notes\n {"$imagepolicy": "a:b"}')).toBeNull();
  });

  it("ignores ordinary comments and anything the controller would not parse", () => {
    for (const comment of [
      " bump me",
      ' {"$imagepolicy": "a:b"} # trailing text',
      " {'$imagepolicy': 'a:b'}",
      ' {"$imagepolicy": 1}',
      ' {"$imagepolicy": "a:b", "n": 1}',
      ' {"$imagepolicy": ""}',
      ' ["$imagepolicy", "a:b"]',
      ' {"$openapi": "a:b"}',
      "",
    ]) {
      expect(parseSetterMarker(comment), comment).toBeNull();
    }
    expect(parseSetterMarker(undefined)).toBeNull();
  });

  it("keeps a $imagepolicy that names no resolvable setter, with the reason", () => {
    for (const setter of ["flux-system/podinfo", "podinfo", "a:b:digest:x", "a:b:repository", "Flux:podinfo"]) {
      expect(parseSetterMarker(` {"$imagepolicy": "${setter}"}`), setter).toEqual({ setter, invalid: expect.stringContaining(setter) });
    }
  });
});
