import type { RuleFinding } from "../engine/finding.js";
import type { GateRule } from "../engine/gate-rules.js";

const MARKER_HOWTO =
  'Mark the field with the setter comment on its own line, e.g. `image: ghcr.io/acme/app:1.2.3 # {"$imagepolicy": "flux-system:app"}` (or `:tag` / `:name` on split fields), merged through a normal signed pull request first';

/**
 * The image-automation rules (issue 7, threat model adversary 5). The automation key signs what Flux's
 * image-automation-controller writes; these rules keep it to exactly that, so a stolen key or a poisoned registry
 * cannot turn it into a key that may change anything.
 */
export const AUTOMATION_RULES = {
  unmarkedChange: {
    id: "automation/unmarked-change",
    severity: "critical",
    title: "Image-automation commit changes more than marked image references",
    description:
      "A commit signed by a key listed under `automation.signers` changes something other than a scalar value on a line with a Flux setter marker (`# {\"$imagepolicy\": \"ns:policy\"}`, `:tag`, `:name`): another field, another file, an added, deleted, renamed or binary file, a file mode, a YAML document, or a marker added, removed or changed. Files are compared as YAML documents, so the controller's reformatting passes.",
    why: "The automation key is in the allowed set, so Flux applies whatever it signs. Its private half lives in a cluster Secret read by a controller: whoever obtains it would otherwise hold a key that may change any path of any tenant. The controller itself only ever rewrites marked values.",
    fix: `Make the change in a separate commit signed by a tenant signer who owns the path. If a field should be updated by automation, add its marker first. ${MARKER_HOWTO}. If the automation key did sign this, treat the key as compromised and rotate it.`,
  },
  unknownPolicy: {
    id: "automation/unknown-policy",
    severity: "critical",
    title: "Setter marker names no ImagePolicy in the base",
    description:
      "A marked value changed, but the marker names no ImagePolicy (with its ImageRepository) in the base tree — by the `metadata.namespace` and `metadata.name` written in the manifests — or is not of the form `<namespace>:<policy>[:tag|:name]`.",
    why: "Without the policy there is no bound on the new value: the controller would never have written it, so it did not come from the controller.",
    fix: "Commit the ImagePolicy and ImageRepository (with an explicit `metadata.namespace`) through a normal signed pull request first, or correct the marker; then let the automation run again.",
  },
  imageOutsideRepository: {
    id: "automation/image-outside-repository",
    severity: "critical",
    title: "Automation wrote an image from another repository",
    description:
      "A whole-image or `:name` setter was set to an image whose registry and repository differ from the `spec.image` of the ImageRepository its ImagePolicy references (compared exactly, after Docker Hub's `docker.io/library/` normalisation).",
    why: "The policy only ever selects tags of its own repository. Another registry or repository (`evil.example.com/payments-api`) is an image nobody reviewed, delivered with a trusted signature.",
    fix: "Revert the value to the policy's repository. Change the ImageRepository's `spec.image` through a normal signed pull request if the image really moved.",
  },
  tagOutsidePolicy: {
    id: "automation/tag-outside-policy",
    severity: "critical",
    title: "Automation wrote a tag its ImagePolicy does not allow",
    description:
      "The new tag is not one the base's ImagePolicy could select: it fails `filterTags.pattern` (Go RE2, with `extract`), is not a version in the `semver` range (Masterminds rules: a pre-release only when the range names one), or, for `numerical`, does not read as a number. `alphabetical` and `numerical` policies pick the greatest tag in the registry, which cannot be checked without the registry: any tag passing the filter is accepted for them. A filter or range flux-warden cannot evaluate (a regular expression outside the RE2/JavaScript common subset), a tag-less image and a `:digest` setter (a digest cannot be tied to a tag offline) are refused.",
    why: "This is the registry-compromise path (threat model adversary 5): a tag pushed outside the policy's bounds — a new major, a pre-release, a branch build — must not reach the cluster just because the automation signed it.",
    fix: "Revert to a tag the policy allows, or widen the ImagePolicy through a normal signed pull request if the new tag is intended; investigate who pushed the tag to the registry if not.",
  },
  mergeCommit: {
    id: "automation/merge-commit",
    severity: "critical",
    title: "Image-automation key signed a merge commit",
    description: "A merge commit is signed by a key listed under `automation.signers`.",
    why: "The image-automation-controller only makes single-parent commits; a merge signed with its key would vouch for everything the merged branch brings in.",
    fix: "Merge with a tenant signer's key (or let GitHub merge the pull request), and find out how the automation key came to sign a merge.",
  },
  signerIsTenantSigner: {
    id: "automation/signer-is-tenant-signer",
    severity: "medium",
    title: "Automation key is also a tenant signer",
    description:
      "A key listed under `automation.signers` also appears, by fingerprint, in a tenant's `signers`. Reported once per evaluation and key, when the change contains a commit verified with that key. A tenant's `\"*\"` does not count.",
    why: "The automation key's private half sits in a cluster Secret. As a tenant signer it would be a person's key too; flux-warden judges its commits as automation only, so the tenant entry grants nothing and hides who really signs for the tenant.",
    fix: "Give the image-automation-controller its own key (`spec.git.commit.signingKey`) and list it only under `automation.signers`; remove it from the tenant's `signers`.",
  },
} satisfies Record<string, GateRule>;

/** A finding of an automation rule; `remediation` is the rule's fix. */
export function automationFinding(rule: GateRule, at: Pick<RuleFinding, "message" | "path" | "line" | "commit" | "object">): RuleFinding {
  return { rule: rule.id, severity: rule.severity, message: at.message, remediation: rule.fix, path: at.path, line: at.line, commit: at.commit, object: at.object };
}
