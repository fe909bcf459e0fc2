import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppProcess } from "../support/app-process.js";
import { startFakeGitHub, type FakeGitHub } from "../support/fake-github.js";
import { Deliveries } from "../support/deliveries.js";
import { createWebFlowFleet, DEPLOYMENT, edit, PLATFORM_FILE, type WebFlowFleet } from "../web-flow/support/web-flow-fleet.js";

/**
 * The three workflows of issue 7 through the real app (`npm start`) and the fake GitHub, over a real repository whose
 * "GitHub merges" are signed by a real key playing GitHub's web-flow key: owner approvals, GitHub's merges and
 * squashes, and pushes judged after the fact. Each legitimate path passes; each abuse fails with a finding that says
 * what to do. Needs `npm run build`.
 */
const APP_ID = 4712;
const INSTALLATION = 98;
const SLOW = 180_000;

let fleet: WebFlowFleet;
let github: FakeGitHub;
let app: AppProcess;
let gh: Deliveries;
let base: string;
/** The same fleet, with `signing.webFlow: reject` on its base. */
let rejectBase: string;

/** A commit on a new branch from `from`: `change` edits the tree, `sign` signs (or not). */
function branch(name: string, from: string, change: () => void, sign: WebFlowFleet["payments"] | null, message = name): string {
  fleet.repo.checkout(from).checkout(name, true);
  change();
  return fleet.repo.commit(message, sign ? { gpg: sign } : null);
}

/** A harmless label on the platform-owned payments Namespace: only ownership is at stake. */
const label = (value: string) => () => edit(fleet, PLATFORM_FILE, "enforce: restricted", `enforce: restricted\n    team: ${value}`);
const release = (version: string) => () => edit(fleet, DEPLOYMENT, "payments-api:1.4.2", `payments-api:${version}`);

beforeAll(async () => {
  fleet = createWebFlowFleet({ approvers: ["acme/platform-team", "carol"] });
  base = fleet.base;
  edit(fleet, ".github/flux-warden.yml", "webFlow: merge-commits", "webFlow: reject");
  rejectBase = fleet.repo.commit("Reject GitHub's web-flow commits", { gpg: fleet.platform });
  fleet.repo.git("reset", "-q", "--hard", base);
  github = await startFakeGitHub({ repoDir: fleet.repo.dir, owner: "acme", repo: "fleet", appId: APP_ID, installationId: INSTALLATION });
  app = await startApp({ githubHost: new URL(github.url).host, appId: APP_ID });
  gh = new Deliveries(app, github, INSTALLATION);
  await gh.control("teams", { org: "acme", slug: "platform-team", members: ["dana"] });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await github?.close();
  fleet?.dispose();
});

describe("owner approvals", () => {
  it("fails a team's signed change to a platform path, passes once a platform approver approves the head, fails again after a push", async () => {
    const head = branch("cross", base, label("payments"), fleet.payments);
    await gh.pull(1, base, "cross");
    const before = await gh.completed(head);
    expect(before.conclusion).toBe("failure");
    expect(before.summary).toContain("An approving review by a member of acme/platform-team or @carol on the current head");

    await gh.review(1, base, "cross", "dana", head);
    const approved = await gh.completed(head, 2);
    expect(approved.conclusion).toBe("success");
    expect(approved.summary).toContain("☑️ waived by approval");
    expect(approved.summary).toContain("@dana (member of acme/platform-team), an approver of tenant \"platform\"");

    edit(fleet, PLATFORM_FILE, "team: payments", "team: payments-core");
    const pushed = fleet.repo.commit("rename the label", { gpg: fleet.payments });
    await gh.pull(1, base, "cross", "synchronize");
    const stale = await gh.completed(pushed);
    expect(stale.conclusion).toBe("failure");
    expect(stale.summary).toContain(`Earlier approvals by @dana (on ${head.slice(0, 12)}) are stale`);
  }, SLOW);

  it("still fails an unsigned commit that an approver approved", async () => {
    branch("cross-unsigned", base, label("payments"), fleet.payments);
    edit(fleet, PLATFORM_FILE, "team: payments", "team: everyone");
    const head = fleet.repo.commit("unsigned follow-up");
    await gh.control("reviews", { pull: 2, user: "carol", state: "APPROVED", commit_id: head });
    await gh.pull(2, base, "cross-unsigned");
    const run = await gh.completed(head);
    expect(run.conclusion).toBe("failure");
    expect(run.summary).toContain("1 commit is not signed");
    expect(run.summary).toContain("☑️ waived by approval");
  }, SLOW);

  it("does not waive when team membership cannot be read, and says why", async () => {
    // What GitHub answers an installation without `members: read` (a 5xx is retried by Octokit first, then the same).
    await gh.control("teams", { org: "acme", slug: "platform-team", members: ["dana", "frank"], status: 403 });
    const head = branch("cross-frank", base, label("frank"), fleet.payments);
    await gh.control("reviews", { pull: 3, user: "frank", state: "APPROVED", commit_id: head });
    await gh.pull(3, base, "cross-frank");
    const run = await gh.completed(head);
    expect(run.conclusion).toBe("failure");
    expect(run.summary).toContain("could not be confirmed: the membership of @frank in acme/platform-team could not be read (GitHub answered HTTP 403");
  }, SLOW);
});

describe("GitHub's merges and the web-flow key", () => {
  /** Opens pull request `number` for a verified release branch from `from`, and waits for its check to pass. */
  async function verifiedPull(number: number, name: string, from: string, version: string): Promise<string> {
    const head = branch(name, from, release(version), fleet.payments);
    await gh.pull(number, from, name);
    expect((await gh.completed(head)).conclusion).toBe("success");
    return head;
  }

  /** GitHub's merge commit of `name` onto `onto`, signed with the web-flow key, recorded as pull request `number`'s merge. */
  async function merge(number: number, name: string, onto: string): Promise<string> {
    fleet.repo.checkout(onto).checkout(`merged-${name}`, true);
    const sha = fleet.repo.merge(name, `Merge pull request #${number} from acme/${name}`, { gpg: fleet.webFlow });
    await gh.control("merged", { sha, pull: number });
    return sha;
  }

  it("passes GitHub's merge commit of a verified pull request under merge-commits, and fails it under reject", async () => {
    await verifiedPull(10, "release", base, "1.5.0");
    const merged = await merge(10, "release", base);
    await gh.push(base, merged);
    const run = await gh.completed(merged);
    expect(run.conclusion).toBe("success");
    expect(run.summary).toContain("✅ GitHub merge (web-flow)");

    await verifiedPull(11, "release-r", rejectBase, "1.5.1");
    const rejected = await merge(11, "release-r", rejectBase);
    await gh.push(rejectBase, rejected);
    const failed = await gh.completed(rejected);
    expect(failed.conclusion).toBe("failure");
    expect(failed.summary).toContain("signature/web-flow-commit");
  }, SLOW);

  it("fails a web-UI edit signed by GitHub: its own content, no pull request, no gate", async () => {
    const edited = branch("web-edit", base, release("6.6.6"), fleet.webFlow, "Update deployment.yaml");
    await gh.push(base, edited);
    const run = await gh.completed(edited);
    expect(run.conclusion).toBe("failure");
    expect(run.summary).toContain("GitHub knows no merged pull request whose merge commit it is: a web-UI edit");
    expect(run.summary).toContain("branch/gate-bypassed");
  }, SLOW);

  it("passes GitHub's squash whose tree is the verified head's, and fails one with a different tree", async () => {
    await verifiedPull(12, "feature-s", base, "1.6.0");
    fleet.repo.checkout(base).checkout("squashed", true).git("merge", "-q", "--squash", "feature-s");
    const squash = fleet.repo.commit("payments: release 1.6.0 (#12)", { gpg: fleet.webFlow });
    await gh.control("merged", { sha: squash, pull: 12 });
    await gh.push(base, squash);
    expect((await gh.completed(squash)).conclusion).toBe("success");

    fleet.repo.checkout(base).checkout("squashed-altered", true).git("merge", "-q", "--squash", "feature-s");
    edit(fleet, DEPLOYMENT, "replicas: 2", "replicas: 20");
    const altered = fleet.repo.commit("payments: release 1.6.0 (#12)", { gpg: fleet.webFlow });
    await gh.control("merged", { sha: altered, pull: 12 });
    await gh.push(base, altered);
    const run = await gh.completed(altered);
    expect(run.conclusion).toBe("failure");
    expect(run.summary).toMatch(/its tree [0-9a-f]{12} differs from the tree [0-9a-f]{12} of pull request \\#12's head/);
  }, SLOW);
});

describe("pushes to the default branch, after the fact", () => {
  it("flags a direct push of a signed, unreviewed commit as branch/gate-bypassed", async () => {
    const direct = branch("direct", base, release("1.7.0"), fleet.payments);
    await gh.push(base, direct);
    const run = await gh.completed(direct);
    expect(run.conclusion).toBe("failure");
    expect(run.summary).toContain("branch/gate-bypassed");
    expect(run.summary).not.toContain("branch/flux-will-reject");
  }, SLOW);

  it("flags a push whose HEAD Flux cannot verify as branch/flux-will-reject, after warning on the pull request", async () => {
    const head = branch("ci", base, release("1.8.0"), fleet.ci);
    await gh.pull(13, base, "ci");
    const pr = await gh.completed(head);
    expect(pr.conclusion).toBe("success");
    expect(pr.summary).toMatch(/\| Fast-forward \| ❌ rejects \|.*does not verify with the Flux Secret's keys/);
    await gh.push(base, head);
    const run = await gh.completed(head, 2);
    expect(run.conclusion).toBe("failure");
    expect(run.summary).toContain(`Flux will stop applying at ${head.slice(0, 12)}`);
    expect(run.summary).not.toContain("branch/gate-bypassed");
  }, SLOW);
});
