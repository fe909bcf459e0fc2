import type { VerificationReason } from "./decision.js";
import type { RuleDescription } from "./rule-description.js";
import { AUTOMATION_RULES } from "../automation/automation-rules.js";

/**
 * The gate's own rules — signatures and ownership — described like every manifest rule, so the rules reference
 * (docs/rules.md) covers them too. Signature rules are always critical and blocking; the policy cannot change that.
 */
export type GateRule = RuleDescription;

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

export const TRUST_ANCHOR_RULE: GateRule = {
  id: "ownership/trust-anchor-changed",
  severity: "medium",
  title: "Change edits who is trusted",
  description:
    "The change edits a file that decides whom flux-warden trusts: the policy (`.github/flux-warden.yml`), a file the allowed signing keys are read from (a `signing.keys` Secret manifest or key file, a verification Secret found through a GitRepository, or a new file under a `file:` glob), or GitHub's web-flow key. It is reported so that every such change is visible in the check run and the audit log; raise its severity in `rules.severity` to make it blocking.",
  why: "This check is judged by the base's version of these files, but once the change merges the next one is judged by the new version: a change that adds a key or widens a tenant is how trust is extended, legitimately or not (a stolen key adding a second key for later).",
  fix: "Have the people who own trust review it: keep the policy and key files in a tenant only the platform team signs for, and compare the fingerprints added with the owners' own copies.",
};

export const FORCE_PUSH_RULE: GateRule = {
  id: "branch/force-push",
  severity: "critical",
  title: "Default branch was force-pushed",
  description: "A push rewrote the history of the default branch (the branch Flux applies).",
  why: "A force push can replace reviewed, verified commits with others, or roll the cluster back to an old, vulnerable state; it also bypasses pull-request review entirely.",
  fix: "Find out who force-pushed and why (the audit log has the delivery); restore the previous head if it was not intended, and protect the branch against force pushes.",
};

export const WEB_FLOW_RULE: GateRule = {
  id: "signature/web-flow-commit",
  severity: "critical",
  title: "Commit signed by GitHub's web-flow key that is not a GitHub merge of verified changes",
  description:
    "A commit is signed by GitHub's shared web-flow key (`signing.webFlowKey`, or an allowed key with GitHub's user id) and is not accepted as GitHub's merge or squash of verified changes: `signing.webFlow` is `reject`, or it is a web-UI edit, a commit made in a fork, a merge with content of its own, or a squash whose tree or base differs from the pull request head flux-warden passed.",
  why: "GitHub signs every merge, squash and web-UI edit of every user with the same key: that signature proves only that someone with write access used GitHub, not who wrote the change. Trusted blindly, it lets anyone who can press a button or edit a file in the browser ship unsigned content to the cluster.",
  fix: "Make the change in a signed commit of your own and open a pull request. To merge with GitHub's button, set `signing.webFlow: merge-commits` (and add GitHub's key to Flux's Secret), keep the pull request up to date with its base, and never resolve conflicts or edit files in the web UI.",
};

export const BRANCH_RULES = {
  fluxWillReject: {
    id: "branch/flux-will-reject",
    severity: "critical",
    title: "Flux will reject the new HEAD of the default branch",
    description: "After a push, HEAD's signature does not verify with the keys of the Flux verification Secret (the Secret's entries, not `file:` keys), so Flux stops applying.",
    why: "Flux verifies only HEAD: a HEAD it cannot verify sets SourceVerified=False and the cluster silently stays on the last verified revision — fixes and rollbacks stop deploying until someone notices.",
    fix: "Push a commit signed with a key of the Flux Secret on top (`git commit --allow-empty -S -m 'Re-sign HEAD for Flux'`: Flux verifies only HEAD), or revert the push. If GitHub's merges should deploy, add GitHub's web-flow key to the Secret and set `signing.webFlow: merge-commits`; never use rebase merging, which drops signatures.",
  },
  gateBypassed: {
    id: "branch/gate-bypassed",
    severity: "critical",
    title: "Push to the default branch bypassed the gate",
    description: "The pushed HEAD is neither a commit flux-warden passed on a pull request (or in a merge queue) nor GitHub's merge or squash of such a pull request.",
    why: "A direct push (an admin bypassing branch protection, a leaked token, a misconfigured rule) puts changes on the branch Flux applies without the review and ownership checks a pull request gets.",
    fix: "Find who pushed (the audit log has the delivery), review the change now, and revert it if it was not intended. Require the flux-warden check (pinned to this app) in branch protection, and do not allow bypassing it.",
  },
} satisfies Record<string, GateRule>;

/** Every gate rule, for the rules reference. */
export const GATE_RULES: GateRule[] = [
  ...Object.values(SIGNATURE_RULES),
  WEB_FLOW_RULE,
  NO_KEYS_RULE,
  ...Object.values(OWNERSHIP_RULES),
  TRUST_ANCHOR_RULE,
  ...Object.values(AUTOMATION_RULES),
  FORCE_PUSH_RULE,
  ...Object.values(BRANCH_RULES),
];
