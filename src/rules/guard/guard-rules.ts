import type { Rule } from "../types.js";
import { admissionPolicyDeleted } from "./admission-policy-deleted.js";
import { admissionPolicyWeakened } from "./admission-policy-weakened.js";
import { gatekeeperWeakened } from "./gatekeeper-weakened.js";
import { kyvernoPolicyDeleted } from "./kyverno-policy-deleted.js";
import { kyvernoPolicyException } from "./kyverno-policy-exception.js";
import { kyvernoPolicyWeakened } from "./kyverno-policy-weakened.js";
import { networkPolicyDeleted } from "./network-policy-deleted.js";
import { networkPolicyWidened } from "./network-policy-widened.js";
import { podSecurityLabelLowered } from "./pod-security-label-lowered.js";
import { podSecurityVersionPinned } from "./pod-security-version-pinned.js";
import { webhookDeleted } from "./webhook-deleted.js";
import { webhookFailOpen } from "./webhook-fail-open.js";

/** The `guard/` family: the cluster's other guards (network, admission, pod security) removed or weakened. */
export const GUARD_RULES: Rule[] = [
  networkPolicyDeleted,
  networkPolicyWidened,
  kyvernoPolicyDeleted,
  kyvernoPolicyWeakened,
  kyvernoPolicyException,
  admissionPolicyDeleted,
  admissionPolicyWeakened,
  webhookDeleted,
  webhookFailOpen,
  gatekeeperWeakened,
  podSecurityLabelLowered,
  podSecurityVersionPinned,
];
