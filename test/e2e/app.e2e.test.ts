import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExampleFleet, type ExampleFleet } from "../support/example-fleet.js";
import { startFakeGitHub, type FakeGitHub } from "../support/fake-github.js";
import { startApp, type AppProcess } from "../support/app-process.js";
import { checkRunStates } from "../support/check-run-state.js";
import { Deliveries } from "../support/deliveries.js";
import { examplePayload } from "../support/webhook-examples.js";

/**
 * The whole app as it runs in production: `npm start` in a child process, HMAC-signed webhook deliveries over HTTP
 * (payload shapes from @octokit/webhooks-examples), and a fake GitHub that answers from a real, gpg-signed repository
 * and records the check runs the app writes.
 */
const DEPLOYMENT = "clusters/production/payments/deployment.yaml";
const APP_ID = 4711;
const INSTALLATION = 99;

let fleet: ExampleFleet;
let github: FakeGitHub;
let app: AppProcess;
let gh: Deliveries;
const heads: Record<string, string> = {};

function edit(path: string, from: string, to: string): void {
  fleet.repo.write(path, `${fleet.repo.git("show", `HEAD:${path}`).replace(from, to)}\n`);
}

function branch(name: string, build: () => void): void {
  fleet.repo.checkout("main").checkout(name, true);
  build();
  heads[name] = fleet.repo.rev("HEAD");
}

beforeAll(async () => {
  fleet = createExampleFleet();
  branch("good", () => {
    edit(DEPLOYMENT, "payments-api:1.4.2", "payments-api:1.4.3");
    fleet.repo.commit("payments: release 1.4.3", { gpg: fleet.payments });
  });
  branch("unsigned", () => {
    edit(DEPLOYMENT, "replicas: 2", "replicas: 3");
    fleet.repo.commit("scale up");
  });
  branch("wrong-tenant", () => {
    edit("clusters/production/platform/payments-tenant.yaml", "verbs: [\"get\", \"list\", \"watch\", \"create\", \"update\", \"patch\", \"delete\"]", "verbs: [\"*\"]");
    fleet.repo.commit("payments: more verbs", { gpg: fleet.payments });
  });
  branch("escalation", () => {
    edit(DEPLOYMENT, "            allowPrivilegeEscalation: false", "            privileged: true\n            allowPrivilegeEscalation: false");
    fleet.repo.write("clusters/production/payments/admin.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: payments-admin\nsubjects:\n  - kind: ServiceAccount\n    name: default\n    namespace: payments\nroleRef:\n  kind: ClusterRole\n  name: cluster-admin\n  apiGroup: rbac.authorization.k8s.io\n");
    fleet.repo.commit("payments: debug access", { gpg: fleet.payments });
  });
  fleet.repo.checkout("main");
  github = await startFakeGitHub({ repoDir: fleet.repo.dir, owner: "acme", repo: "fleet", appId: APP_ID, installationId: INSTALLATION });
  app = await startApp({ githubHost: new URL(github.url).host, appId: APP_ID });
  gh = new Deliveries(app, github, INSTALLATION);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await github?.close();
  fleet?.dispose();
});


describe("the GitHub App end to end", () => {
  it("acknowledges deliveries at once and completes one check run per pull request head", async () => {
    // Each delivery must be answered 200 (Deliveries throws otherwise) before any evaluation is awaited.
    for (const [i, name] of ["good", "unsigned", "wrong-tenant", "escalation"].entries()) await gh.pull(i + 1, "main", name);
    const good = await gh.completed(heads.good!);
    expect(good).toMatchObject({ name: "flux-warden", conclusion: "success", annotations: [] });
    expect(good.summary).toContain("✅ flux-warden passed");
  });

  it("fails an unsigned commit, saying how to sign it", async () => {
    const run = await gh.completed(heads.unsigned!);
    expect(run.conclusion).toBe("failure");
    expect(run.summary).toContain("1 commit is not signed");
    expect(run.summary).toContain("git commit --amend --no-edit -S");
    expect(run.summary).toContain(`npx flux-warden check --base ${fleet.base} --head ${heads.unsigned}`);
  });

  it("fails a change to another tenant's folder, with an annotation on the file", async () => {
    const run = await gh.completed(heads["wrong-tenant"]!);
    expect(run.conclusion).toBe("failure");
    expect(run.annotations).toContainEqual(
      expect.objectContaining({ path: "clusters/production/platform/payments-tenant.yaml", annotation_level: "failure", title: expect.stringContaining("ownership/wrong-tenant") }),
    );
  });

  it("fails an escalation with annotations on the exact lines", async () => {
    const run = await gh.completed(heads.escalation!);
    expect(run.conclusion).toBe("failure");
    const titles = run.annotations.map((a) => `${a.path}:${a.start_line} ${a.title.split(" ")[0]}`);
    const lineOf = (path: string, text: string) => fleet.repo.git("show", `${heads.escalation}:${path}`).split("\n").findIndex((l) => l.includes(text)) + 1;
    // The subject that is granted cluster-admin, and the field that makes the container privileged.
    expect(titles).toContain(`clusters/production/payments/admin.yaml:${lineOf("clusters/production/payments/admin.yaml", "- kind: ServiceAccount")} rbac/cluster-admin-binding`);
    expect(titles).toContain(`${DEPLOYMENT}:${lineOf(DEPLOYMENT, "privileged: true")} pod-security/privileged`);
  });

  it("evaluates a force push to the default branch after the fact, as a critical finding", async () => {
    fleet.repo.checkout("main").checkout("rewritten", true);
    edit(DEPLOYMENT, "replicas: 2", "replicas: 5");
    const after = fleet.repo.commit("rewritten history", { gpg: fleet.platform });
    fleet.repo.checkout("main");
    await gh.push(fleet.base, after, true);
    const run = await gh.completed(after);
    expect(run.conclusion).toBe("failure");
    expect(run.summary).toContain("branch/force-push");
    expect(run.summary).toContain("✅ verified"); // the commit itself is fine: the rewrite is the finding
  });

  it("rejects forged and unsigned deliveries and evaluates nothing for them", async () => {
    const before = github.checkRuns().length;
    fleet.repo.checkout("main").checkout("forged", true);
    edit(DEPLOYMENT, "replicas: 2", "replicas: 9");
    const head = fleet.repo.commit("forged");
    fleet.repo.checkout("main");
    const pull = await github.addPull({ number: 500, base: "main", head: "forged" });
    const payload: Record<string, any> = { ...examplePayload("pull_request", "opened"), pull_request: pull, installation: { id: INSTALLATION } };
    payload.repository = { ...payload.repository, name: "fleet", owner: { ...payload.repository.owner, login: "acme" } };
    const forged = await app.deliver("pull_request", payload, { signature: `sha256=${"0".repeat(64)}` });
    const missing = await app.deliver("pull_request", payload, { signature: null });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(missing.status).toBeGreaterThanOrEqual(400);
    await new Promise((r) => setTimeout(r, 1500));
    expect(github.checkRuns().length).toBe(before);
    expect(checkRunStates(github.checkRuns()).some((r) => r.headSha === head)).toBe(false);
  });

  it("answers /healthz and never logs secrets or key material", async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
    const logs = app.output();
    expect(logs).not.toContain(app.secret);
    expect(logs).not.toMatch(/BEGIN (RSA |OPENSSH )?PRIVATE KEY/);
    expect(logs).not.toContain("BEGIN PGP PUBLIC KEY BLOCK");
    expect(logs).toMatch(/"delivery":"[^"]+".*"repository":"acme\/fleet"/);
  });
});
