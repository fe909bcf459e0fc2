import { arrayAt, stringAt } from "../../manifests/read-value.js";
import type { ChangeRule } from "../types.js";
import { deletionHits } from "./deletion-hits.js";
import { deletedExample, webhookExample } from "./guard-examples.js";
import { isWebhookConfiguration } from "./guard-kinds.js";

/** An admission webhook configuration, or one of its webhooks, removed from what Flux applies. */
export const webhookDeleted: ChangeRule = {
  id: "guard/webhook-deleted",
  severity: "high",
  title: "Admission webhook deleted",
  description:
    "A ValidatingWebhookConfiguration or MutatingWebhookConfiguration present at base is gone at head (removed from its file, its file deleted, or renamed to something Flux does not apply), or one of its `webhooks` (by `name`) is removed.",
  why: "Admission webhooks are how policy engines (Kyverno, Gatekeeper), image verifiers and sidecar injectors see every request; without the configuration the API server never calls them, so whatever they refused is admitted — while their pods keep running and look healthy.",
  fix: "Keep the webhook configuration; if the webhook's scope must change, narrow its `rules`, `namespaceSelector` or `objectSelector` in a reviewed change instead of removing it.",
  examples: { base: webhookExample("Fail"), bad: deletedExample("the ValidatingWebhookConfiguration is"), good: webhookExample("Fail").replace("path: /validate/fail", "path: /validate/fail\n    timeoutSeconds: 10") },
  scope: "change",
  check(change) {
    const deleted = deletionHits(change, isWebhookConfiguration, "the API server no longer calls its webhooks");
    const { base, head } = change;
    if (deleted.length > 0 || !base || !head || !isWebhookConfiguration(base) || !isWebhookConfiguration(head)) return deleted;
    const names = (value: unknown) => arrayAt(value, ["webhooks"]).map((w) => stringAt(w, ["name"])).filter((n): n is string => n !== null);
    const remaining = new Set(names(head.value));
    return names(base.value)
      .filter((name) => !remaining.has(name))
      .map((name) => ({ message: `webhook ${name} was removed: the API server no longer calls it.`, at: ["webhooks"], key: `webhook:${name}` }));
  },
};
