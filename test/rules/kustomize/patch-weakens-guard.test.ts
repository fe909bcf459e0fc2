import { describe, expect, it } from "vitest";
import { analyzeManifests } from "../../../src/manifests/analyze-manifests.js";
import { EMPTY_REPO_INDEX } from "../../../src/manifests/repo-index.js";
import { fileChange } from "../support/file-change.js";
import { fixturePolicy } from "../support/fixture-policy.js";

const policy = fixturePolicy();

/** The messages of kustomize/patch-weakens-guard for one JSON 6902 operation on a target of `kind` (null: no kind). */
async function run(kind: string | null, op: string, path: string, value?: string): Promise<string[]> {
  const target = kind === null ? "      name: anything\n" : `      kind: ${kind}\n`;
  // copy and move take a `from` instead of a value.
  const operand = value === undefined ? "" : op === "copy" || op === "move" ? `        from: ${value}\n` : `        value: ${value}\n`;
  const operation = `      - op: ${op}\n        path: ${path}\n${operand}`;
  const text = `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n  - target:\n${target}    patch: |-\n${operation}`;
  const { findings } = await analyzeManifests({ files: [fileChange("clusters/prod/platform/kustomization.yaml", { head: text })], policy, index: EMPTY_REPO_INDEX });
  return findings.filter((f) => f.rule === "kustomize/patch-weakens-guard").map((f) => f.message);
}

describe("kustomize/patch-weakens-guard: which operations weaken a guard", () => {
  it.each([
    ["removing a parent of the guard field", "Namespace", "remove", "/metadata/labels", undefined, /removes metadata\.labels: the namespace falls back/],
    ["removing part of spec.verify", "GitRepository", "remove", "/spec/verify/secretRef", undefined, /removes spec\.verify\.secretRef: Flux stops verifying/],
    ["replacing the verification keys Secret", "GitRepository", "replace", "/spec/verify/secretRef/name", "other-keys", /sets spec\.verify\.secretRef\.name to other-keys/],
    ["removing a whole Kyverno rule", "ClusterPolicy", "remove", "/spec/rules/0", undefined, /removes spec\.rules\[0\]: the validate rule no longer runs/],
    ["dropping Deny from a binding", "ValidatingAdmissionPolicyBinding", "replace", "/spec/validationActions", "[Warn]", /without Deny/],
    ["removing a webhook", "MutatingWebhookConfiguration", "remove", "/webhooks/1", undefined, /removes webhooks\[1\]: the API server no longer calls/],
    ["an Audit override appended", "ClusterPolicy", "add", "/spec/validationFailureActionOverrides/-", "{action: Audit, namespaces: [payments]}", /an Audit override admits/],
    ["a guard field on a target of unknown kind", null, "remove", "/spec/verify", undefined, /any kind anything removes spec\.verify/],
    ["replacing the labels with ones without the enforce label", "Namespace", "replace", "/metadata/labels", "{team: payments}", /replaces metadata\.labels with a value that has no metadata\.labels\.pod-security\.kubernetes\.io\/enforce: the namespace falls back/],
    ["replacing the webhooks with none", "MutatingWebhookConfiguration", "replace", "/webhooks", "[]", /replaces webhooks with a value that has no webhooks\[\*\]: the API server no longer calls/],
    ["replacing Kyverno rules with ones that validate nothing", "ClusterPolicy", "replace", "/spec/rules", "[{name: mutate-only, mutate: {}}]", /replaces spec\.rules with a value that has no spec\.rules\[\*\]\.validate/],
    ["a copy onto a guard field (its value is not in the patch)", "ValidatingWebhookConfiguration", "copy", "/webhooks/0/failurePolicy", "/metadata/annotations/policy", /writes the target's metadata\.annotations\.policy into webhooks\[0\]\.failurePolicy: the value is not in the patch, so webhooks\[\*\]\.failurePolicy may end up weakened/],
    ["a copy over a parent of a guard field", "Namespace", "copy", "/metadata/labels", "/metadata/annotations", /writes the target's metadata\.annotations into metadata\.labels/],
    ["a move's destination, as well as its source", "GitRepository", "move", "/spec/verify/secretRef/name", "/metadata/annotations/keys", /writes the target's metadata\.annotations\.keys into spec\.verify\.secretRef\.name/],
  ])("reports %s", async (_, kind, op, path, value, message) => {
    expect(await run(kind, op, path, value)).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ["adding verification keys (not replacing them)", "GitRepository", "add", "/spec/verify/secretRef/name", "allowed-signing-keys"],
    ["raising the enforce level", "Namespace", "replace", "/metadata/labels/pod-security.kubernetes.io~1enforce", "restricted"],
    ["removing a webhook's rule (narrower scope)", "ValidatingWebhookConfiguration", "remove", "/webhooks/0/rules/0", undefined],
    ["removing a Gatekeeper enforcementAction (the default is deny)", "K8sRequiredLabels", "remove", "/spec/enforcementAction", undefined],
    ["a guard path on a kind that does not have it", "Deployment", "remove", "/spec/verify", undefined],
    ["removing a NetworkPolicy ingress rule (narrower)", "NetworkPolicy", "remove", "/spec/ingress/0", undefined],
    ["adding a restricted ingress rule", "NetworkPolicy", "add", "/spec/ingress/-", "{from: [{podSelector: {matchLabels: {app: web}}}]}"],
    ["replacing the labels, keeping the enforce label", "Namespace", "replace", "/metadata/labels", "{team: payments, pod-security.kubernetes.io/enforce: restricted}"],
    ["adding labels (an add need not replace anything)", "Namespace", "add", "/metadata/labels", "{team: payments}"],
    ["replacing a list with items that still have the field (which items it held is unknown)", "MutatingWebhookConfiguration", "replace", "/webhooks", "[{name: a.example.com}]"],
    ["a copy into a field no guard depends on", "Namespace", "copy", "/metadata/annotations/team", "/metadata/labels/team"],
    ["a test operation", "GitRepository", "test", "/spec/verify", "null"],
  ])("does not report %s", async (_, kind, op, path, value) => {
    expect(await run(kind, op, path, value)).toEqual([]);
  });
});
