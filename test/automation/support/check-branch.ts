import type { Decision, Finding } from "../../../src/engine/decision.js";
import { runCli } from "../../support/run-cli.js";
import { DEPLOYMENT, edit, KUSTOMIZATION, type AutomationFleet, type ControllerChange } from "./automation-fleet.js";

export const API_IMAGE = "registry.example.com/payments-api";
export const WORKER_TAG = "main-3f2a9c1-1735689600";

/** What the controller lists in its message for a bump of the payments-api Deployment. */
export const apiBump = (tag: string): ControllerChange => ({ files: [DEPLOYMENT], objects: ["Deployment payments-api"], images: [`${API_IMAGE}:${tag}`] });
/** …and for the worker's `newTag` in the kustomization (a Kustomization has no name: the controller prints none). */
export const workerBump = (tag: string): ControllerChange => ({ files: [KUSTOMIZATION], objects: ["Kustomization "], images: [tag] });

/** Sets the payments-api image (tag, and optionally another repository) in the working tree. */
export function bumpApi(fleet: AutomationFleet, tag: string, image = API_IMAGE): void {
  edit(fleet, DEPLOYMENT, `image: ${API_IMAGE}:1.4.2`, `image: ${image}:${tag}`);
}

/** A branch from `main` built by `build`; returns the Decision of `check --base main --head <branch>`. */
export async function checkBranch(fleet: AutomationFleet, name: string, build: () => void): Promise<{ code: number; decision: Decision }> {
  fleet.repo.checkout("main").checkout(name, true);
  build();
  const result = await runCli(["check", "--base", "main", "--head", name, "--format", "json"], fleet.repo.dir);
  if (result.code === 2) throw new Error(result.stderr);
  return { code: result.code, decision: JSON.parse(result.stdout) as Decision };
}

/** The automation findings as `rule path:line` (manifest rules may add their own view of the same change). */
export function automationSummary(findings: Finding[]): string[] {
  return findings.filter((x) => x.rule.startsWith("automation/")).map((x) => `${x.rule} ${x.path}:${x.line ?? "-"}`);
}
