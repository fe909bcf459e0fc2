import { afterAll, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createExampleFleet } from "../support/example-fleet.js";

// The installed command: bin/flux-warden.js over the compiled lib/ (`npm test` builds first).
const BIN = fileURLToPath(new URL("../../bin/flux-warden.js", import.meta.url));
const fleet = createExampleFleet();
afterAll(() => fleet.dispose());

function run(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: fleet.repo.dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
}

it("runs as a command: exit 1 with the JSON Decision on stdout for an unsigned change", () => {
  fleet.repo.checkout("change", true);
  fleet.repo.write("clusters/production/payments/note.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: note\n  namespace: payments\n");
  const head = fleet.repo.commit("unsigned note");
  const result = run("check", "--base", "main", "--head", "change", "--format", "json");
  expect(result.stderr).toBe("");
  expect(result.status).toBe(1);
  expect(JSON.parse(result.stdout)).toMatchObject({ version: 1, conclusion: "failure", head, commits: [{ sha: head, reason: "unsigned" }] });
});

it("prints its version and exits 2 with usage on stderr for a bad invocation", () => {
  expect(run("version").stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  const bad = run("check");
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("--base is required");
});
