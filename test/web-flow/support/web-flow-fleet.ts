import type { Decision } from "../../../src/engine/decision.js";
import { runCheck } from "../../../src/check/run-check.js";
import type { ArrivalKind } from "../../../src/approvals/describe-approvers.js";
import type { CheckFact, GitHubFacts } from "../../../src/web-flow/github-facts.js";
import type { Evidence, EvidenceNeeds } from "../../../src/web-flow/evidence.js";
import { createGitSource } from "../../../src/sources/git-source.js";
import { createExampleFleet, type ExampleFleet } from "../../support/example-fleet.js";
import { GpgHome, type GpgKey } from "../../support/gpg.js";

export const WEB_FLOW_KEY_PATH = ".github/github-web-flow.asc";
export const DEPLOYMENT = "clusters/production/payments/deployment.yaml";
export const PLATFORM_FILE = "clusters/production/platform/payments-tenant.yaml";

export interface WebFlowFleetOptions {
  /** `signing.webFlow` (default `merge-commits`). */
  webFlow?: "reject" | "merge-commits";
  /** Configure `signing.webFlowKey` (default true). */
  configured?: boolean;
  /** Put GitHub's key into Flux's allowed-signing-keys Secret too (default true). */
  inSecret?: boolean;
  mode?: "every-commit" | "head";
  /** The platform tenant's `approvers`. */
  approvers?: string[];
}

/** The example fleet plus a key acting as GitHub's web-flow key, and a `ci` key the gate trusts through `file:` only. */
export interface WebFlowFleet extends ExampleFleet {
  webFlow: GpgKey;
  /** Signs for the payments tenant; listed under `file: keys/*.asc`, so Flux (which reads only the Secret) rejects it. */
  ci: GpgKey;
  /** The commit that adds the web-flow key file: trust is read from here. */
  base: string;
}

/**
 * A real gpg key named like GitHub's ("GitHub <noreply@github.com>") plays the web-flow key: its public half sits at
 * `signing.webFlowKey` in the base tree (and, by default, in Flux's Secret), and "GitHub's" merges and squashes are
 * made by git, signed with it — byte for byte what GitHub's button produces, bar the key.
 */
export function createWebFlowFleet(options: WebFlowFleetOptions = {}): WebFlowFleet {
  const extra = GpgHome.create();
  const webFlow = extra.generate("GitHub <noreply@github.com>");
  const ci = extra.generate("CI Bot <ci@example.com>");
  const configured = options.configured ?? true;
  const fleet = createExampleFleet({
    extraKeys: (): Record<string, string> => (options.inSecret ?? true ? { "github-web-flow.asc": webFlow.publicArmored } : {}),
    policy: (text) =>
      text
        .replace("  mode: every-commit\n", `  mode: ${options.mode ?? "every-commit"}\n  webFlow: ${options.webFlow ?? "merge-commits"}\n${configured ? `  webFlowKey: ${WEB_FLOW_KEY_PATH}\n` : ""}`)
        .replace("allowed-signing-keys.yaml\n", "allowed-signing-keys.yaml\n    - file: keys/*.asc\n")
        .replace(/(payments:\n {4}paths: \[[^\]]*\]\n {4}signers: \["[0-9A-F]+")/, `$1, "${ci.fingerprint}"`)
        .replace("    clusterScoped: true\n", `    clusterScoped: true\n${options.approvers ? `    approvers: ${JSON.stringify(options.approvers)}\n` : ""}`),
  });
  fleet.repo.write(WEB_FLOW_KEY_PATH, webFlow.publicArmored).write("keys/ci.asc", ci.publicArmored);
  const base = fleet.repo.commit("Document GitHub's web-flow key; trust the CI key", { gpg: fleet.platform });
  const dispose = fleet.dispose;
  return { ...fleet, webFlow, ci, base, dispose: () => (dispose(), extra.dispose()) };
}

/** Replaces `from` with `to` in a file as committed at HEAD. */
export function edit(fleet: ExampleFleet, path: string, from: string, to: string): void {
  fleet.repo.write(path, `${fleet.repo.git("show", `HEAD:${path}`).replace(from, to)}\n`);
}

export interface CheckOptions {
  kind?: ArrivalKind;
  /** What the stub "app" answers; every call's needs are recorded. */
  evidence?: (needs: EvidenceNeeds) => Evidence;
}

/** The real pipeline (runCheck over the local repository) with a stub evidence gatherer: the engine decides. */
export async function check(fleet: ExampleFleet, base: string, head: string, options: CheckOptions = {}): Promise<{ decision: Decision; needs: EvidenceNeeds[] }> {
  const source = createGitSource({ repoDir: fleet.repo.dir });
  const needs: EvidenceNeeds[] = [];
  try {
    const decision = await runCheck({
      source,
      request: { base, head },
      now: new Date(),
      ...(options.kind ? { arrival: { kind: options.kind } } : {}),
      ...(options.evidence ? { gatherEvidence: async (n: EvidenceNeeds) => (needs.push(n), options.evidence!(n)) } : {}),
    });
    return { decision, needs };
  } finally {
    await source.close();
  }
}

/** Facts as the app would read them. */
export function facts(over: Partial<GitHubFacts> = {}): GitHubFacts {
  return { checks: {}, mergedPulls: {}, errors: {}, ...over };
}

/** A completed flux-warden check run of this app. */
export function checkRun(over: Partial<CheckFact> = {}): CheckFact {
  return { id: 1, conclusion: "success", kind: "pull_request", base: null, pull: 1, ...over };
}
