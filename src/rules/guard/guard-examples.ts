/** Example manifests for the `guard/` rules' docs. */

/** A NetworkPolicy in `payments` with the given spec body. */
export function networkPolicyExample(spec: string, name = "api"): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: payments\nspec:\n${spec}`;
}

/** The NetworkPolicy every NetworkPolicy example starts from: only the frontend may reach the API, on 8080. */
export const API_POLICY = networkPolicyExample(
  "  podSelector:\n    matchLabels:\n      app: api\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: frontend\n      ports:\n        - port: 8080\n",
);

/** A Kyverno ClusterPolicy with one validate rule and the given action lines. */
export function kyvernoExample(specAction: string, ruleAction = ""): string {
  return `apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: disallow-privileged\nspec:\n${specAction}  rules:\n    - name: privileged-containers\n      match:\n        any:\n          - resources:\n              kinds: [Pod]\n      validate:\n${ruleAction}        message: Privileged containers are not allowed.\n        pattern:\n          spec:\n            =(securityContext):\n              =(privileged): "false"\n`;
}

/** A comment-only file: the head of an example whose object the change deletes. */
export function deletedExample(what: string): string {
  return `# ${what} deleted: the file no longer contains it\n`;
}

/** A ValidatingAdmissionPolicyBinding that denies host-network pods in the payments tenant's namespaces. */
export const VAP_BINDING = "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: deny-host-network\nspec:\n  policyName: deny-host-network\n  validationActions: [Deny]\n  matchResources:\n    namespaceSelector:\n      matchLabels:\n        toolkit.fluxcd.io/tenant: payments\n";

/** A ValidatingWebhookConfiguration with one webhook, for the webhook rules' docs. */
export function webhookExample(failurePolicy: string): string {
  return `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  name: kyverno-resource-validating-webhook-cfg\nwebhooks:\n  - name: validate.kyverno.svc-fail\n    admissionReviewVersions: [v1]\n    sideEffects: None\n    failurePolicy: ${failurePolicy}\n    clientConfig:\n      service:\n        name: kyverno-svc\n        namespace: kyverno\n        path: /validate/fail\n    rules:\n      - apiGroups: ["*"]\n        apiVersions: ["*"]\n        operations: [CREATE, UPDATE]\n        resources: ["*/*"]\n`;
}

/** A Namespace with the given labels (one `key: value` line each, indented for `labels:`). */
export function namespaceExample(labels: string[]): string {
  return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n  labels:\n    toolkit.fluxcd.io/tenant: payments\n${labels.map((l) => `    ${l}\n`).join("")}`;
}
