import { expect, it } from "vitest";
import { parseYamlDocuments } from "../../src/manifests/parse-yaml-documents.js";
import { DEFAULT_MANIFEST_LIMITS } from "../../src/manifests/limits.js";

it("locates lines exactly after the file's parse was evicted by many others (locators re-parse on demand)", () => {
  const files = Array.from({ length: 40 }, (_, i) => parseYamlDocuments(`a: ${i}\n---\n# doc two\nkind: K\nspec:\n  n: ${i}\n`, DEFAULT_MANIFEST_LIMITS));
  // Ask in an order that defeats any small cache: last file first, then the first, then every third.
  const order = [39, 0, ...Array.from({ length: 13 }, (_, k) => k * 3)];
  for (const i of order) {
    const second = files[i]!.documents[1]!;
    expect(second.value).toEqual({ kind: "K", spec: { n: i } });
    expect(second.locate([]).lineOf(["spec", "n"])).toBe(6);
    expect(files[i]!.documents[0]!.locate([]).lineOf(["a"])).toBe(1);
  }
});
