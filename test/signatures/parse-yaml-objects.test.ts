import { expect, it } from "vitest";
import { parseYamlObjects } from "../../src/signatures/parse-yaml-objects.js";

it("refuses text nested too deeply for the YAML parser, before the parser sees it", () => {
  // 50,000 levels would exhaust the parser's memory and kill the process: it must come back as an error instead.
  expect(parseYamlObjects(`kind: Secret\ndata:\n  ${"- ".repeat(50_000)}x\n`)).toEqual({ objects: [], error: "nests far too deeply: not parsed" });
  expect(parseYamlObjects("kind: Secret\nmetadata:\n  name: keys\n").objects).toEqual([{ kind: "Secret", metadata: { name: "keys" } }]);
});
