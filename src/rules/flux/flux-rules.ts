import type { Rule } from "../types.js";
import { crossNamespaceRef } from "./cross-namespace-ref.js";
import { injectedServiceAccountChanged } from "./injected-service-account-changed.js";
import { kubeconfig } from "./kubeconfig.js";
import { kustomizationForce } from "./kustomization-force.js";
import { kustomizationForeignTargetNamespace } from "./kustomization-foreign-target-namespace.js";
import { kustomizationNoServiceAccount } from "./kustomization-no-service-account.js";
import { kustomizationNoTargetNamespace } from "./kustomization-no-target-namespace.js";
import { kustomizationPathEscape } from "./kustomization-path-escape.js";
import { lockdownRemoved } from "./lockdown-removed.js";
import { postbuildSecretSubstitution } from "./postbuild-secret-substitution.js";
import { sourceInsecure } from "./source-insecure.js";
import { sourceUrlNotApproved } from "./source-url-not-approved.js";
import { sourceVerifyWeakened } from "./source-verify-weakened.js";
import { sourceWithoutVerify } from "./source-without-verify.js";

/** The `flux/` family: how Flux objects apply content and which sources they trust. */
export const FLUX_RULES: Rule[] = [
  kustomizationNoServiceAccount,
  lockdownRemoved,
  injectedServiceAccountChanged,
  kustomizationForce,
  kustomizationNoTargetNamespace,
  kustomizationForeignTargetNamespace,
  kustomizationPathEscape,
  crossNamespaceRef,
  kubeconfig,
  postbuildSecretSubstitution,
  sourceVerifyWeakened,
  sourceWithoutVerify,
  sourceInsecure,
  sourceUrlNotApproved,
];
