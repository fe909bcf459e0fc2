import { z } from "zod";
import { SEVERITIES } from "../engine/severity.js";

/**
 * Policy file version 1 (`.github/flux-warden.yml` on the base branch). Every object is strict: an unknown key is an
 * error, never silently ignored — a typo in a security policy must not weaken it.
 */

const OPENPGP_FINGERPRINT = /^(?:[0-9A-F]{40}|[0-9A-F]{64})$/;
const SSH_FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** Normalises a signer as written by a person: OpenPGP fingerprints may be lower-case or spaced in groups. */
export function normalizeSigner(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === "*" || trimmed.startsWith("SHA256:")) return trimmed.replace(/=+$/, "");
  return trimmed.replace(/\s+/g, "").toUpperCase();
}

const signer = z
  .string()
  .transform(normalizeSigner)
  .refine((s) => s === "*" || OPENPGP_FINGERPRINT.test(s) || SSH_FINGERPRINT.test(s), {
    message:
      'must be an OpenPGP primary key fingerprint (40 or 64 hex digits; key ids are not accepted, they collide), an SSH key fingerprint ("SHA256:…" as printed by `ssh-keygen -lf`), or "*" for any key in the allowed set',
  });

const glob = z.string().min(1, "must not be empty");

const keySource = z.union(
  [
    z.strictObject({ secret: glob.describe("path of a Secret manifest in the base tree") }),
    z.strictObject({ file: glob.describe("glob of armored OpenPGP (.asc) or authorized_keys (.sshpub) files") }),
  ],
  { error: 'each key source must be exactly one of {secret: <path of a Secret manifest>} or {file: <glob>}' },
);

const severity = z.enum(SEVERITIES);

const ruleId = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-*]+$/, 'must be a rule id "family/name"');
const ruleGlob = z.string().regex(/^[a-z0-9-*]+(?:\/[a-z0-9-*]+)?$/, 'must be a rule id or glob such as "rbac/*"');

/** A GitHub user login, or an `org/team-slug`. */
const approver = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?$/, 'must be a GitHub login ("alice") or a team ("org/team-slug")');

const tenant = z.strictObject({
  paths: z.array(glob).min(1, "a tenant needs at least one path pattern"),
  signers: z.array(signer).default([]),
  clusterScoped: z.boolean().default(false),
  namespaces: z.array(z.string().min(1)).default([]),
  /** Who may approve another tenant's signed change to this tenant's paths (a pull-request review on the current head). */
  approvers: z.array(approver).default([]),
});

const exception = z.strictObject({
  rule: ruleGlob,
  paths: z.array(glob).min(1, "an exception must name the paths it applies to"),
  reason: z.string().trim().min(1, "an exception needs a reason: the audit log keeps it"),
});

const rules = z
  .strictObject({
    block: severity.default("high"),
    disable: z.array(ruleId).default([]),
    severity: z.record(ruleId, severity).default({}),
    registries: z.array(z.string().min(1)).default([]),
    sources: z.array(z.string().min(1)).default([]),
    exceptions: z.array(exception).default([]),
  })
  .prefault({});

export const policySchema = z
  .strictObject({
    version: z.literal(1, { error: "must be 1 (the only policy version this flux-warden understands)" }),
    signing: z
      .strictObject({
        mode: z.enum(["every-commit", "head"]).default("every-commit"),
        keys: z.array(keySource).min(1, "list at least one key source, or leave `keys` out to discover them").optional(),
        /** Commits signed by GitHub's web-flow key: `reject` (default), or accept GitHub's merges/squashes of verified pull requests. */
        webFlow: z.enum(["reject", "merge-commits"]).default("reject"),
        /** Path (in the base tree) of GitHub's web-flow public key, armored: a documented input, never built-in trust. */
        webFlowKey: glob.optional(),
      })
      .prefault({}),
    tenants: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/, "tenant names are letters, digits, . _ -"), tenant).default({}),
    unowned: z.enum(["deny", "allow"]).default("deny"),
    /** Flux image-automation signers: their commits may only move setter-marked image references within ImagePolicy bounds. */
    automation: z
      .strictObject({ signers: z.array(signer).min(1, "list the image-automation signing key fingerprints") })
      .optional(),
    rules,
  })
  .superRefine((policy, ctx) => {
    if (policy.signing.webFlow === "merge-commits" && !policy.signing.webFlowKey) {
      ctx.addIssue({ code: "custom", path: ["signing", "webFlowKey"], message: "webFlow: merge-commits needs webFlowKey: the path of GitHub's web-flow public key in the repository" });
    }
    // Signature checks are the gate itself: no policy may switch them off, soften them or waive them.
    const guarded = (id: string) => id === "signature/*" || id === "*" || id.startsWith("signature/");
    policy.rules.disable.forEach((id, i) => {
      if (guarded(id)) ctx.addIssue({ code: "custom", path: ["rules", "disable", i], message: "signature rules cannot be disabled" });
    });
    for (const id of Object.keys(policy.rules.severity)) {
      if (guarded(id)) ctx.addIssue({ code: "custom", path: ["rules", "severity", id], message: "signature rules are always critical" });
    }
    policy.rules.exceptions.forEach((e, i) => {
      if (guarded(e.rule)) ctx.addIssue({ code: "custom", path: ["rules", "exceptions", i, "rule"], message: "signature findings cannot be excepted" });
    });
  });

/** The policy as read (defaults applied). */
export type Policy = z.output<typeof policySchema>;
export type TenantPolicy = Policy["tenants"][string];
export type KeySourceSpec = NonNullable<Policy["signing"]["keys"]>[number];
export type RuleException = Policy["rules"]["exceptions"][number];
