import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitAsController, createAutomationFleet, DEPLOYMENT, edit, type AutomationFleet } from "../automation/support/automation-fleet.js";
import { startFakeGitHub, type FakeGitHub } from "../support/fake-github.js";
import { startApp, type AppProcess } from "../support/app-process.js";
import { Deliveries } from "../support/deliveries.js";

/**
 * Image automation through the whole app (`npm start`, HMAC-signed deliveries, the fake GitHub over a real gpg-signed
 * repository): the controller pushes its commit to an update branch and a pull request is opened, as with
 * `spec.git.push.branch` set to a branch other than the one Flux follows. Run `npm run build` first.
 */
const APP_ID = 4712;
const INSTALLATION = 98;
const IMAGE = "registry.example.com/payments-api";

let fleet: AutomationFleet;
let github: FakeGitHub;
let app: AppProcess;
let gh: Deliveries;
const heads: Record<string, string> = {};

function branch(name: string, build: () => void): void {
  fleet.repo.checkout("main").checkout(name, true);
  build();
  heads[name] = fleet.repo.rev("HEAD");
}

beforeAll(async () => {
  fleet = createAutomationFleet();
  branch("flux-image-updates", () => {
    edit(fleet, DEPLOYMENT, `image: ${IMAGE}:1.4.2`, `image: ${IMAGE}:1.4.3`);
    commitAsController(fleet, fleet.bot, { files: [DEPLOYMENT], objects: ["Deployment payments-api"], images: [`${IMAGE}:1.4.3`] });
  });
  branch("stolen-automation-key", () => {
    edit(fleet, DEPLOYMENT, `image: ${IMAGE}:1.4.2`, `image: ${IMAGE}:1.4.4`);
    edit(fleet, DEPLOYMENT, "replicas: 2", "replicas: 40");
    commitAsController(fleet, fleet.bot, { files: [DEPLOYMENT], objects: ["Deployment payments-api"], images: [`${IMAGE}:1.4.4`] });
  });
  branch("poisoned-registry", () => {
    edit(fleet, DEPLOYMENT, `image: ${IMAGE}:1.4.2`, `image: ${IMAGE}:2.0.0`);
    commitAsController(fleet, fleet.bot, { files: [DEPLOYMENT], objects: ["Deployment payments-api"], images: [`${IMAGE}:2.0.0`] });
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

describe("image-automation commits through the GitHub App", () => {
  it("passes the controller's bump within the ImagePolicy", async () => {
    // Each delivery must be answered 200 (Deliveries throws otherwise); the pull requests carry the controller's title.
    for (const [i, name] of ["flux-image-updates", "stolen-automation-key", "poisoned-registry"].entries()) await gh.pull(i + 1, "main", name, "opened", "Update image references");
    const run = await gh.completed(heads["flux-image-updates"]!);
    expect(run).toMatchObject({ name: "flux-warden", conclusion: "success", annotations: [] });
    expect(run.summary).toContain("✅ flux-warden passed");
    expect(run.summary).toContain("Update image references");
  });

  it("fails the automation key used for anything but a marked bump, annotating the field's line", async () => {
    const run = await gh.completed(heads["stolen-automation-key"]!);
    expect(run.conclusion).toBe("failure");
    expect(run.summary).toContain("automation/unmarked-change");
    expect(run.annotations).toEqual([
      expect.objectContaining({ path: DEPLOYMENT, start_line: 7, annotation_level: "failure", title: expect.stringContaining("automation/unmarked-change") }),
    ]);
    expect(run.annotations[0]!.message).toContain("`spec.replicas` changed from \"2\" to \"40\"");
  });

  it("fails a tag outside the ImagePolicy's range, as a poisoned registry would push it", async () => {
    const run = await gh.completed(heads["poisoned-registry"]!);
    expect(run.conclusion).toBe("failure");
    expect(run.annotations).toEqual([
      expect.objectContaining({ path: DEPLOYMENT, start_line: 22, title: expect.stringContaining("automation/tag-outside-policy") }),
    ]);
    expect(run.annotations[0]!.message).toContain('"2.0.0" is outside the semver range ">=1.4.0 <2.0.0"');
  });
});
