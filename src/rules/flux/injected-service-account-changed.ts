import { fluxApplierOf } from "../../manifests/flux-appliers.js";
import type { ChangeHit, ChangeRule } from "../types.js";
import { fluxKustomizationExample as example } from "./flux-examples.js";
import { injectedServiceAccount, type AppliedKind } from "./injected-service-account.js";

const KINDS: readonly AppliedKind[] = ["HelmRelease", "Kustomization"];
const patchSetting = (account: string) =>
  `  patches:\n    - target:\n        kind: HelmRelease\n      patch: |\n        - op: add\n          path: /spec/serviceAccountName\n          value: ${account}\n`;

/** A Flux Kustomization stops setting, or changes, the service account its spec.patches give what it applies. */
export const injectedServiceAccountChanged: ChangeRule = {
  id: "flux/injected-service-account-changed",
  severity: "high",
  title: "Service account set through spec.patches removed or changed",
  description:
    "At base a Flux Kustomization's `spec.patches` set `serviceAccountName` on the HelmReleases or Kustomizations it applies (Flux's hub-and-spoke layout); at head they no longer do (the patch removed or retargeted, or the Kustomization deleted), or set another service account.",
  why: "The objects in that folder name no service account of their own: the patch is what keeps them from being applied with the controller's cluster-admin identity, and which account it names decides their rights. Changing it changes what every release in the folder may do, while their manifests stay the same.",
  fix: "Keep the patch and its service account; if the folder's objects need other rights, change the RBAC of that service account in a reviewed change, or give each object its own `serviceAccountName`.",
  examples: {
    base: example(`  serviceAccountName: platform-reconciler\n${patchSetting("flux-restricted")}`),
    bad: example(`  serviceAccountName: platform-reconciler\n${patchSetting("flux-cluster-admin")}`),
    good: example(`  serviceAccountName: platform-reconciler\n${patchSetting("flux-restricted")}  timeout: 5m\n`),
  },
  scope: "change",
  check({ base, head }) {
    const before = base && fluxApplierOf(base);
    if (!base || !before) return [];
    const after = head && fluxApplierOf(head);
    return KINDS.flatMap((kind): ChangeHit[] => {
      const was = injectedServiceAccount(before.patches, kind);
      const now = after ? injectedServiceAccount(after.patches, kind) : null;
      if (was === null || was === now) return [];
      const what = `${kind}s it applies`;
      const message =
        now === null
          ? `no longer sets serviceAccountName on the ${what} (it set ${was}): those without their own are applied with the controller's own (cluster-admin) identity, unless the lockdown runs.`
          : `now sets serviceAccountName ${now} instead of ${was} on the ${what}: every one of them gets ${now}'s rights.`;
      return [{ message, at: ["spec", "patches"], side: head ? "head" : "base", key: `injected:${kind}:${was}->${now ?? ""}` }];
    });
  },
};

