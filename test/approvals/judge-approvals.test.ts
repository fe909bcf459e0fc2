import { describe, expect, it } from "vitest";
import type { ApprovalEvidence, ReviewFact } from "../../src/approvals/approval-evidence.js";
import { judgeApprovals } from "../../src/approvals/judge-approvals.js";
import { applyPolicy } from "../../src/engine/apply-policy.js";
import type { CommitVerdict, Finding } from "../../src/engine/decision.js";
import { ownershipFindings, type OwnershipUnit } from "../../src/engine/ownership.js";
import { parsePolicy } from "../../src/policy/load-policy.js";
import { tenantsOfSigner } from "../../src/policy/tenants.js";
import type { ChangeSet, FileChange } from "../../src/sources/change-set.js";

const PLATFORM = "1".repeat(40);
const PAYMENTS = "2".repeat(40);
const HEAD = "h".repeat(40);
const OLD = "o".repeat(40);
const policy = parsePolicy(`version: 1
tenants:
  platform:
    paths: ["clusters/*/platform/**"]
    signers: ["${PLATFORM}"]
    approvers: ["acme/platform-team", "carol"]
  security:
    paths: ["clusters/*/security/**"]
    signers: ["${PLATFORM}"]
    approvers: ["sam"]
  legacy:
    paths: ["clusters/*/legacy/**"]
    signers: ["${PLATFORM}"]
  payments:
    paths: ["clusters/*/payments/**"]
    signers: ["${PAYMENTS}"]
`, "p.yml");

function file(path: string, symlinkTo?: string): FileChange {
  const head = symlinkTo
    ? { kind: "symlink" as const, mode: "120000", oid: "0".repeat(40), size: symlinkTo.length, content: Buffer.from(symlinkTo) }
    : { kind: "file" as const, mode: "100644", oid: "0".repeat(40), size: 1, content: null };
  return { path, previousPath: null, status: "added", base: null, head };
}

/** One commit at HEAD, signed by the payments tenant, changing `files`. */
function judge(files: FileChange[], approvals: ApprovalEvidence | undefined, kind: "pull_request" | "push" | "local" = "pull_request"): Finding[] {
  const verdict: CommitVerdict = {
    sha: HEAD, verified: true, reason: "verified", signer: { type: "openpgp", fingerprint: PAYMENTS, keyId: PAYMENTS.slice(-16), userIds: [] },
    tenants: tenantsOfSigner(policy, PAYMENTS), detail: "", subject: "change", author: null, parents: [OLD],
  };
  const units: OwnershipUnit[] = [{ verdict, files }];
  const changeSet: ChangeSet = { base: OLD, head: HEAD, mergeBase: OLD, commits: [{ sha: HEAD, parents: [OLD], author: null, committer: null, message: "change", payload: new Uint8Array(), signature: null, files }], files };
  return judgeApprovals(applyPolicy(ownershipFindings(units, policy), policy.rules), { units, changeSet, policy, approvals, kind: kind === "local" ? undefined : kind });
}

const review = (login: string, state = "APPROVED", commitId = HEAD, id = 7): ReviewFact => ({ id, login, state, commitId });
const evidence = (reviews: ReviewFact[], teams: ApprovalEvidence["teams"] = {}): ApprovalEvidence => ({ pull: 4, head: HEAD, reviews, teams });
const PLATFORM_PATH = [file("clusters/prod/platform/rbac.yaml")];

describe("judgeApprovals", () => {
  it("waives a wrong-tenant finding approved on the current head by a listed login, recording who and which review", () => {
    const [finding] = judge(PLATFORM_PATH, evidence([review("Carol")]));
    expect(finding).toMatchObject({ rule: "ownership/wrong-tenant", blocking: false });
    expect(finding!.waiver).toEqual({
      reason: `Approved by @Carol, an approver of tenant "platform", in review 7, on the current head ${HEAD.slice(0, 12)} of pull request #4.`,
      pull: 4,
      approvals: [{ tenant: "platform", approver: "carol", login: "Carol", reviewId: 7, commit: HEAD }],
    });
  });

  it("waives through an active team membership, and not for a non-member", () => {
    const member = judge(PLATFORM_PATH, evidence([review("dana")], { "acme/platform-team": { dana: { member: true } } }))[0]!;
    expect(member.waiver?.approvals[0]).toMatchObject({ approver: "acme/platform-team", login: "dana" });
    const outsider = judge(PLATFORM_PATH, evidence([review("eve")], { "acme/platform-team": { eve: { member: false } } }))[0]!;
    expect(outsider).toMatchObject({ blocking: true, approval: { status: "missing", approvers: ["acme/platform-team", "carol"] } });
  });

  it("fails closed when a membership could not be read, saying why", () => {
    const [finding] = judge(PLATFORM_PATH, evidence([review("dana")], { "acme/platform-team": { dana: { error: "GitHub answered HTTP 403" } } }));
    expect(finding).toMatchObject({ blocking: true, approval: { status: "unconfirmed" } });
    expect(finding!.approval!.detail).toBe("An approval by a member of acme/platform-team or @carol could not be confirmed: the membership of @dana in acme/platform-team could not be read (GitHub answered HTTP 403). Not waived (fail closed).");
    expect(judge(PLATFORM_PATH, { ...evidence([]), error: "GitHub answered HTTP 502" })[0]!.approval!.status).toBe("unconfirmed");
  });

  it("ignores stale approvals, and approvals later withdrawn or dismissed; comments change nothing", () => {
    const stale = judge(PLATFORM_PATH, evidence([review("carol", "APPROVED", OLD)]))[0]!;
    expect(stale.approval!.detail).toContain(`Earlier approvals by @carol (on ${OLD.slice(0, 12)}) are stale`);
    expect(judge(PLATFORM_PATH, evidence([review("carol"), review("carol", "CHANGES_REQUESTED")]))[0]!.blocking).toBe(true);
    expect(judge(PLATFORM_PATH, evidence([review("carol", "DISMISSED")]))[0]!.blocking).toBe(true);
    expect(judge(PLATFORM_PATH, evidence([review("carol"), review("carol", "COMMENTED")]))[0]!.blocking).toBe(false);
  });

  it("says who could waive it when no reviews were read (a local check)", () => {
    const [finding] = judge(PLATFORM_PATH, undefined, "local");
    expect(finding!.approval).toEqual({
      status: "unavailable",
      approvers: ["acme/platform-team", "carol"],
      detail: "flux-warden check reads no pull-request reviews locally: an approving review by a member of acme/platform-team or @carol on the pull request's current head would waive this.",
    });
  });

  it("needs an approver of every owner a symlink reaches: the link's and its target's", () => {
    const link = [file("clusters/prod/security/policy.yaml", "../platform/rbac.yaml")];
    expect(judge(link, evidence([review("carol")]))[0]!.blocking).toBe(true);
    const both = judge(link, evidence([review("carol", "APPROVED", HEAD, 1), review("sam", "APPROVED", HEAD, 2)]));
    expect(both.every((f) => !f.blocking)).toBe(true);
    expect(both[0]!.waiver!.approvals.map((a) => a.tenant).sort()).toEqual(["platform", "security"]);
  });

  it("never waives paths of a tenant without approvers, unowned paths or other rules", () => {
    const findings = judge([file("clusters/prod/legacy/x.yaml"), file("elsewhere/x.yaml")], evidence([review("carol")]));
    expect(findings.map((f) => [f.rule, f.blocking, f.approval ?? null])).toEqual([
      ["ownership/wrong-tenant", true, null],
      ["ownership/unowned-path", true, null],
    ]);
  });

  it("does not let an approval of another head cover commits it does not contain", () => {
    const [finding] = judge(PLATFORM_PATH, { ...evidence([review("carol", "APPROVED", OLD)]), head: OLD }, "push");
    expect(finding!.approval!.detail).toContain("is not part of pull request #4 as reviewed");
  });
});
