import { isTeam } from "./approval-evidence.js";

/** How the change arrived; absent for a local `flux-warden check`. */
export type ArrivalKind = "pull_request" | "push" | "merge_group";

/** `a member of acme/platform or @carol`: who may approve, in a reader's words. */
export function describeApprovers(approvers: string[]): string {
  const parts = approvers.map((entry) => (isTeam(entry) ? `a member of ${entry}` : `@${entry}`));
  return parts.length <= 1 ? (parts[0] ?? "nobody") : `${parts.slice(0, -1).join(", ")} or ${parts.at(-1)}`;
}

/** Why no review was read, and what would waive the finding. */
export function unavailableDetail(kind: ArrivalKind | undefined, who: string): string {
  switch (kind) {
    case undefined:
      return `flux-warden check reads no pull-request reviews locally: an approving review by ${who} on the pull request's current head would waive this.`;
    case "push":
      return `No pull request gated this push, so no review can waive this: open a pull request and have ${who} approve its head.`;
    case "merge_group":
      return `This merge group names no pull request whose reviews could be read (its branch is not GitHub's gh-readonly-queue/<base>/pr-<number>-<sha>): an approval by ${who} on the pull request waives this there.`;
    case "pull_request":
      return `The pull request's reviews were not read: an approving review by ${who} on its current head would waive this.`;
  }
}
