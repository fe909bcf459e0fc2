import type { Rule } from "../types.js";
import { pathEscape } from "./path-escape.js";
import { PATCH_IMAGE_RULES } from "./patch-image-rules.js";
import { patchKubeconfig } from "./patch-kubeconfig.js";
import { patchPodSecurity } from "./patch-pod-security.js";
import { patchRbac } from "./patch-rbac.js";
import { patchWeakensGuard } from "./patch-weakens-guard.js";
import { plugin } from "./plugin.js";
import { remoteResource } from "./remote-resource.js";
import { secretGeneratorLiteral } from "./secret-generator-literal.js";

/** The `kustomize/` family: kustomize config files (kustomization.yaml) that bring in or rewrite content. */
export const KUSTOMIZE_RULES: Rule[] = [remoteResource, pathEscape, plugin, secretGeneratorLiteral, patchPodSecurity, patchWeakensGuard, patchRbac, patchKubeconfig, ...PATCH_IMAGE_RULES];
