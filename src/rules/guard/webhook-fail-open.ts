import { arrayAt, stringAt } from "../../manifests/read-value.js";
import type { ChangeRule } from "../types.js";
import { webhookExample } from "./guard-examples.js";
import { isWebhookConfiguration } from "./guard-kinds.js";
import { failsOpen } from "./validation-actions.js";

/** `admissionregistration.k8s.io/v1beta1` defaulted failurePolicy to Ignore; v1 defaults to Fail. */
const defaultPolicy = (version: string) => (version === "v1beta1" ? "Ignore" : "Fail");

/** An admission webhook switched to let requests through when it cannot be reached. */
export const webhookFailOpen: ChangeRule = {
  id: "guard/webhook-fail-open",
  severity: "high",
  title: "Admission webhook switched to failurePolicy Ignore",
  description:
    "A webhook of a Validating- or MutatingWebhookConfiguration (matched by `name`) whose `failurePolicy` was Fail at base — explicitly or by the v1 default — is Ignore at head.",
  why: "With Ignore, every request is admitted unchecked whenever the webhook times out or is unreachable. An attacker only has to make the policy engine slow or unavailable (a crash-looping pod, a NetworkPolicy, resource exhaustion) to get past it, and nothing records that the check was skipped.",
  fix: "Keep `failurePolicy: Fail`; to protect the cluster from an unavailable webhook, exclude system namespaces with a `namespaceSelector` and run the webhook highly available.",
  examples: { base: webhookExample("Fail"), bad: webhookExample("Ignore"), good: webhookExample("Fail").replace("path: /validate/fail", "path: /validate/fail\n    timeoutSeconds: 10") },
  scope: "change",
  check({ base, head }) {
    if (!base || !head || !isWebhookConfiguration(base) || !isWebhookConfiguration(head)) return [];
    const before = new Map(arrayAt(base.value, ["webhooks"]).map((w) => [stringAt(w, ["name"]), w]));
    const fallback = { base: defaultPolicy(base.version), head: defaultPolicy(head.version) } as const;
    return arrayAt(head.value, ["webhooks"]).flatMap((webhook, i) => {
      const name = stringAt(webhook, ["name"]);
      if (!before.has(name) || !failsOpen(before.get(name), webhook, ["failurePolicy"], fallback)) return [];
      return [{ message: `webhook ${name} changed failurePolicy from Fail to Ignore: requests are admitted unchecked whenever it is unavailable.`, at: ["webhooks", i, "failurePolicy"], key: `webhook:${name}` }];
    });
  },
};
