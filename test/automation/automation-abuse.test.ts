import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitAsController, createAutomationFleet, DEPLOYMENT, edit, IMAGE_AUTOMATION, KUSTOMIZATION, type AutomationFleet } from "./support/automation-fleet.js";
import { apiBump, automationSummary, bumpApi, checkBranch, WORKER_TAG, workerBump } from "./support/check-branch.js";

/**
 * Every way of using the image-automation key for more than the controller does fails, with the rule, path and line
 * that say what was changed: the key must not become a skeleton key.
 */
let f: AutomationFleet;
beforeAll(() => {
  f = createAutomationFleet();
});
afterAll(() => f?.dispose());

const lineOf = (ref: string, path: string, text: string) => f.repo.git("show", `${ref}:${path}`).split("\n").findIndex((l) => l.includes(text)) + 1;

describe("the automation key is not a skeleton key", () => {
  it("fails a tag outside the semver range, and a pre-release the range does not name", async () => {
    for (const tag of ["2.0.0", "1.5.0-rc.1"]) {
      const { code, decision } = await checkBranch(f, `tag-${tag}`, () => {
        bumpApi(f, tag);
        commitAsController(f, f.bot, apiBump(tag));
      });
      expect(code).toBe(1);
      expect(automationSummary(decision.findings)).toEqual([`automation/tag-outside-policy ${DEPLOYMENT}:22`]);
      expect(decision.findings[0]).toMatchObject({ severity: "critical", blocking: true, object: { kind: "Deployment", name: "payments-api" } });
      expect(decision.findings[0]!.message).toContain(`is outside the semver range ">=1.4.0 <2.0.0"`);
    }
  });

  it("fails an image from another registry, whatever its tag", async () => {
    const { code, decision } = await checkBranch(f, "other-registry", () => {
      bumpApi(f, "1.4.3", "evil.example.com/payments-api");
      commitAsController(f, f.bot, apiBump("1.4.3"));
    });
    expect(code).toBe(1);
    expect(automationSummary(decision.findings)).toEqual([`automation/image-outside-repository ${DEPLOYMENT}:22`]);
    expect(decision.findings[0]!.message).toContain("evil.example.com/payments-api is not registry.example.com/payments-api");
  });

  it("fails a worker tag that does not match filterTags.pattern", async () => {
    const { code, decision } = await checkBranch(f, "worker-branch-build", () => {
      edit(f, KUSTOMIZATION, WORKER_TAG, "feature-x-1735776000");
      commitAsController(f, f.bot, workerBump("feature-x-1735776000"));
    });
    expect(code).toBe(1);
    expect(automationSummary(decision.findings)).toEqual([`automation/tag-outside-policy ${KUSTOMIZATION}:10`]);
    expect(decision.findings[0]!.message).toContain(`does not match the policy's filterTags.pattern`);
  });

  it("fails an unmarked field (replicas), naming the field and its line", async () => {
    const { code, decision } = await checkBranch(f, "replicas", () => {
      bumpApi(f, "1.4.3");
      edit(f, DEPLOYMENT, "replicas: 2", "replicas: 20");
      commitAsController(f, f.bot, apiBump("1.4.3"));
    });
    expect(code).toBe(1);
    expect(automationSummary(decision.findings)).toEqual([`automation/unmarked-change ${DEPLOYMENT}:7`]);
    expect(decision.findings[0]!.message).toContain('`spec.replicas` changed from "2" to "20" on a line without an image-policy setter marker');
  });

  it("fails a change to another file, and to the ImagePolicy that bounds it", async () => {
    const { code, decision } = await checkBranch(f, "other-files", () => {
      bumpApi(f, "1.4.3");
      edit(f, "clusters/production/payments/service.yaml", "port: 80", "port: 8081");
      edit(f, IMAGE_AUTOMATION, 'range: ">=1.4.0 <2.0.0"', 'range: ">=1.4.0"');
      commitAsController(f, f.bot, apiBump("1.4.3"));
    });
    expect(code).toBe(1);
    const rangeLine = lineOf("other-files", IMAGE_AUTOMATION, "range:");
    expect(automationSummary(decision.findings)).toEqual([
      `automation/unmarked-change ${IMAGE_AUTOMATION}:${rangeLine}`,
      "automation/unmarked-change clusters/production/payments/service.yaml:10",
    ]);
  });

  it("fails a removed marker, a marker pointed at another policy, and an added marker", async () => {
    const cases: Array<[string, () => void, string]> = [
      ["marker-removed", () => edit(f, DEPLOYMENT, '1.4.2 # {"$imagepolicy": "flux-system:payments-api"}', "1.4.3"), 'the setter marker "flux-system:payments-api" was removed'],
      ["marker-retargeted", () => edit(f, DEPLOYMENT, '1.4.2 # {"$imagepolicy": "flux-system:payments-api"}', '9.9.9 # {"$imagepolicy": "flux-system:payments-worker"}'), 'changed from "flux-system:payments-api" to "flux-system:payments-worker"'],
      ["marker-added", () => edit(f, DEPLOYMENT, "replicas: 2", 'replicas: 9 # {"$imagepolicy": "flux-system:payments-api:tag"}'), 'a setter marker "flux-system:payments-api:tag" was added'],
    ];
    for (const [name, change, says] of cases) {
      const { code, decision } = await checkBranch(f, name, () => {
        change();
        commitAsController(f, f.bot, apiBump("1.4.3"));
      });
      expect(code, name).toBe(1);
      expect(automationSummary(decision.findings), name).toEqual([`automation/unmarked-change ${DEPLOYMENT}:${name === "marker-added" ? 7 : 22}`]);
      expect(decision.findings.find((x) => x.rule.startsWith("automation/"))!.message, name).toContain(says);
    }
  });

  it("fails added, deleted and renamed files", async () => {
    const { code, decision } = await checkBranch(f, "files", () => {
      f.repo.write("clusters/production/payments/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: payments\n");
      f.repo.remove("clusters/production/payments/service.yaml");
      f.repo.move("clusters/production/payments/worker.yaml", "clusters/production/payments/worker-2.yaml");
      commitAsController(f, f.bot, apiBump("1.4.2"));
    });
    expect(code).toBe(1);
    const automation = decision.findings.filter((x) => x.rule.startsWith("automation/")).map((x) => x.message.replace(/^Image-automation commit [0-9a-f]{12} /, ""));
    expect(automation.sort()).toEqual([
      "adds clusters/production/payments/extra.yaml.",
      "deletes clusters/production/payments/service.yaml.",
      "renames clusters/production/payments/worker.yaml to clusters/production/payments/worker-2.yaml.",
    ]);
  });

  it("fails a merge commit signed by the automation key", async () => {
    const { code, decision } = await checkBranch(f, "merge", () => {
      f.repo.checkout("side", true);
      bumpApi(f, "1.4.3");
      commitAsController(f, f.bot, apiBump("1.4.3"));
      f.repo.checkout("merge");
      edit(f, KUSTOMIZATION, WORKER_TAG, "main-9e8d7c6-1735776000");
      commitAsController(f, f.bot, workerBump("main-9e8d7c6-1735776000"));
      f.repo.merge("side", "Merge branch 'side'", { gpg: f.bot });
    });
    expect(code).toBe(1);
    expect(decision.findings.map((x) => x.rule)).toEqual(["automation/merge-commit"]);
    expect(decision.findings[0]!.commit).toBe(decision.head);
  });

  it("in head mode judges the whole change under an automation-signed HEAD: earlier unsigned edits fail it", async () => {
    const head = createAutomationFleet({ policy: (p) => p.replace("mode: every-commit", "mode: head") });
    try {
      const { code, decision } = await checkBranch(head, "sneak", () => {
        edit(head, DEPLOYMENT, "replicas: 2", "replicas: 50");
        head.repo.commit("unsigned: scale");
        bumpApi(head, "1.4.3");
        commitAsController(head, head.bot, apiBump("1.4.3"));
      });
      expect(code).toBe(1);
      expect(decision.commits.map((c) => c.subject)).toEqual(["Update image references"]);
      expect(automationSummary(decision.findings)).toEqual([`automation/unmarked-change ${DEPLOYMENT}:7`]);
    } finally {
      head.dispose();
    }
  });
});
