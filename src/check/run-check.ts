import type { Decision } from "../engine/decision.js";
import { evaluate, type EvaluationInput } from "../engine/evaluate.js";
import type { ChangeSetRequest, ChangeSetSource } from "../sources/change-set.js";
import { loadTrust, type LoadTrustOptions } from "../trust/load-trust.js";

export interface RunCheckInput {
  source: ChangeSetSource;
  request: ChangeSetRequest;
  policyFile?: LoadTrustOptions["policyFile"];
  now: Date;
  arrival?: EvaluationInput["arrival"];
}

/**
 * The whole check, front-door agnostic: the CLI and the GitHub App both call this, so the developer's local verdict is
 * the bot's verdict. Sources do the I/O; trust comes from the base; the engine decides.
 */
export async function runCheck({ source, request, policyFile, now, arrival }: RunCheckInput): Promise<Decision> {
  const changeSet = await source.changeSet(request);
  const trust = await loadTrust(source.tree(changeSet.base), { files: changeSet.files, policyFile });
  return evaluate({ changeSet, trust, now, arrival });
}
