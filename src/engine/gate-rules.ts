import type { VerificationReason } from "./decision.js";
import type { Severity } from "./severity.js";

/**
 * The gate's own rules — signatures and ownership — described like every manifest rule, so the rules reference
 * (docs/rules.md) covers them too. Signature rules are always critical and blocking; the policy cannot change that.
 */
export interface GateRule {
  id: string;
  severity: Severity;
  title: string;
  description: string;
  why: string;
  fix: string;
}

type FailedReason = Exclude<VerificationReason, "verified">;

const SIGN_HOWTO =
  "Sign with a key in the allowed set: `git commit --amend --no-edit -S` for the last commit, or `git rebase --exec 'git commit --amend --no-edit -S' <base>` for every commit of the branch, then force-push the branch; `git config commit.gpgsign true` signs by default.";

export const SIGNATURE_RULES: Record<FailedReason, GateRule> = {
  unsigned: {
    id: "signature/unsigned",
    severity: "critical",
    title: "Commit is not signed",
    description: "A commit in the change carries no signature.",
    why: "Flux applies only commits signed by an allowed key; anyone with push access (or a stolen token) can author an unsigned commit, so it proves nothing about who wrote it.",
    fix: SIGN_HOWTO,
  },
  "untrusted-key": {
    id: "signature/untrusted-key",
    severity: "critical",
    title: "Commit is signed by a key outside the allowed set",
    description: "The signature is made by a key that is not in the allowed-signing-keys set read from the base branch.",
    why: "A signature only means something when the key is one the cluster trusts; Flux rejects this commit, and so does the gate.",
    fix: "Re-sign with a key in the allowed set, or have the platform team add your public key to the allowed-signing-keys Secret (or key files) on the base branch first: keys take effect once merged, never from the change that adds them.",
  },
  "bad-signature": {
    id: "signature/bad-signature",
    severity: "critical",
    title: "Signature does not match the commit",
    description: "The signature names an allowed key but does not verify over the commit's content.",
    why: "The commit was changed after it was signed, or a valid signature was copied from another commit (a replay) to borrow a trusted identity.",
    fix: "Re-create the signature on the real content: `git commit --amend --no-edit -S`; if you did not rewrite this commit, treat it as tampering and find out who pushed it.",
  },
  "expired-key": {
    id: "signature/expired-key",
    severity: "critical",
    title: "Signing key has expired",
    description: "The key (or its signing subkey) that made the signature has expired.",
    why: "Flux checks key validity now, not at signing time: once a key expires, every commit it signed stops verifying, including old ones, and the cluster stops applying.",
    fix: "Extend the key's expiry (`gpg --quick-set-expire <fingerprint> 1y`, and for a subkey `gpg --quick-set-expire <fingerprint> 1y '*'`), export the public key again into the allowed set on the base branch, then re-run the check.",
  },
  "revoked-key": {
    id: "signature/revoked-key",
    severity: "critical",
    title: "Signing key is revoked",
    description: "The allowed set contains a revocation for the key (or subkey) that made the signature.",
    why: "A revoked key may be in an attacker's hands; Flux rejects its signatures.",
    fix: "Re-sign with a valid key. If the key was revoked because it was compromised, review every commit it signed.",
  },
  "unsupported-format": {
    id: "signature/unsupported-format",
    severity: "critical",
    title: "Signature format Flux cannot verify",
    description: "The commit is signed with x509/gitsign (S/MIME) or an unknown armor.",
    why: "Flux verifies only OpenPGP and SSH signatures: the cluster would reject this commit.",
    fix: "Sign with an OpenPGP key, or with an SSH key (`git config gpg.format ssh` and `git config user.signingkey ~/.ssh/id_ed25519.pub`) listed in the allowed set.",
  },
};

export const NO_KEYS_RULE: GateRule = {
  id: "signature/no-keys",
  severity: "critical",
  title: "No allowed signing keys",
  description: "The base branch defines no allowed-signing-keys set, so no commit can be verified.",
  why: "Without keys every signature is untrusted; Flux with `spec.verify` would reject every commit, and without `spec.verify` it applies anything.",
  fix: "List key sources under `signing.keys` in .github/flux-warden.yml (a `secret:` manifest path as used by your GitRepository's spec.verify.secretRef, or `file:` globs of armored keys), or commit the Secret that your GitRepository's `spec.verify.secretRef` names.",
};

export const OWNERSHIP_RULES = {
  wrongTenant: {
    id: "ownership/wrong-tenant",
    severity: "critical",
    title: "Path changed by a signer of another tenant",
    description: "A commit changes a path owned by a tenant whose signers do not include the commit's signer.",
    why: "Flux lets any allowed key change anything; without this check one team's key (or a stolen one) can rewrite another team's or the platform's manifests.",
    fix: "Have a signer of the owning tenant make (or re-sign) this commit, or move the change to a path your tenant owns.",
  },
  unownedPath: {
    id: "ownership/unowned-path",
    severity: "high",
    title: "Path owned by no tenant",
    description: "A commit changes a path that no tenant's `paths` patterns match, and the policy says `unowned: deny`.",
    why: "A path nobody owns is a path anybody with an allowed key can use, e.g. to add a new Kustomization root.",
    fix: "Add the path to a tenant's `paths` in .github/flux-warden.yml on the base branch, or set `unowned: allow` if unowned paths are acceptable.",
  },
  symlinkEscape: {
    id: "ownership/symlink-escape",
    severity: "critical",
    title: "Symbolic link points outside the repository",
    description: "A symlink's target is absolute or leaves the repository.",
    why: "Kustomize follows symlinks: a link can smuggle content from elsewhere into a tenant's folder, bypassing path ownership.",
    fix: "Replace the symlink with the file it points to, or point it at a file inside a folder your tenant owns.",
  },
} satisfies Record<string, GateRule>;

export const FORCE_PUSH_RULE: GateRule = {
  id: "branch/force-push",
  severity: "critical",
  title: "Default branch was force-pushed",
  description: "A push rewrote the history of the default branch (the branch Flux applies).",
  why: "A force push can replace reviewed, verified commits with others, or roll the cluster back to an old, vulnerable state; it also bypasses pull-request review entirely.",
  fix: "Find out who force-pushed and why (the audit log has the delivery); restore the previous head if it was not intended, and protect the branch against force pushes.",
};

/** Every gate rule, for the rules reference. */
export const GATE_RULES: GateRule[] = [...Object.values(SIGNATURE_RULES), NO_KEYS_RULE, ...Object.values(OWNERSHIP_RULES), FORCE_PUSH_RULE];
