import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TestRepo } from "../../support/git-repo.js";
import { GpgHome, type GpgKey } from "../../support/gpg.js";
import { generateSshKey, type SshKey } from "../../support/ssh.js";

export const P = "clusters/prod/payments";
/** The size limit the fixture's sources use, so that `big.yaml` is too large and `edge.yaml` just fits. */
export const LIMIT = 4096;
export const BINARY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49]);
export const SPACED = "clusters/prod/tëam a/x y.yaml";
export const ODD = `${P}/we"ird\nname 'q'.yaml`;
const OLD_TEXT = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: '1'\n  b: '2'\n  c: '3'\n";

/** Named commits of the fixture. */
export interface Fleet {
  repo: TestRepo;
  gpg: GpgKey;
  ssh: SshKey;
  c: Record<string, string>;
  dispose(): void;
}

/**
 * A Flux fleet repository with every kind of change the sources must agree on, signed with real gpg and ssh keys:
 *
 *     root ── M1 ─────────────────────────┐
 *       └── F1 ── F2 ── F3(merge M1) ── F4(conflict with H1) ── F5(evil merge: rename) ── F6(submodule)
 *       └── H1 ──────────────────────────┘
 */
export function buildFleet(): Fleet {
  const gpgHome = GpgHome.create();
  const gpg = gpgHome.generate("Platform <platform@example.com>", { signingSubkey: true });
  const sshDir = mkdtempSync(join(tmpdir(), "fw-ssh-"));
  const ssh = generateSshKey(sshDir, "payments");
  const repo = TestRepo.create();
  const c: Record<string, string> = {};
  repo.writeAll({
    [`${P}/app.yaml`]: "replicas: 1\nimage: app:1\n",
    [`${P}/config.yaml`]: OLD_TEXT,
    [`${P}/gone.yaml`]: "gone: true\n",
    [`${P}/link-me.yaml`]: "was: file\n",
    [`${P}/run.sh`]: "#!/bin/sh\necho run\n",
    "clusters/prod/platform/flux.yaml": "interval: 1m\n",
    "README.md": "fleet\n",
    "swap": "a file that becomes a directory\n",
    "docs/ü dir/notes.md": "notes\n",
  });
  c.root = repo.commit("root");
  c.M1 = repo.write("clusters/prod/platform/flux.yaml", "interval: 5m\n").commit("main: slower sync", { gpg });

  repo.checkout(c.root).checkout("feature", true);
  repo.move(`${P}/config.yaml`, "clusters/prod/platform/new.yaml");
  repo.write("clusters/prod/platform/new.yaml", OLD_TEXT.replace("b: '2'", "b: '9'"));
  repo.remove(`${P}/gone.yaml`);
  repo.symlink(`${P}/link-me.yaml`, "../platform/new.yaml").symlink(`${P}/escape.yaml`, "../../../../etc/passwd");
  repo.write(`${P}/logo.png`, BINARY).write(`${P}/big.yaml`, "a: b\n".repeat(2000)).write(`${P}/edge.yaml`, `${"x".repeat(LIMIT - 1)}\n`);
  repo.write(SPACED, "spaced: true\n").write(ODD, "odd: true\n").write(`${P}/latin1.txt`, Buffer.from("caf\xe9 cr\xe8me\n", "latin1"));
  chmodSync(join(repo.dir, `${P}/run.sh`), 0o755);
  c.F1 = repo.commit("feature: every kind of entry", { ssh });

  repo.move(`${P}/app.yaml`, "clusters/prod/apps/app.yaml").remove("swap").write("swap/inner.yaml", "inner: true\n").write(`${P}/empty.yaml`, "");
  c.F2 = repo.commit("feature: move, swap a file for a directory", { gpg });
  c.F3 = repo.merge(c.M1, "merge main into feature", { gpg });

  repo.checkout(c.root).checkout("hotfix", true);
  c.H1 = repo.write("README.md", "fleet (hotfix)\n").commit("hotfix readme");
  repo.checkout("feature");
  try {
    repo.git("merge", "-q", "--no-ff", "hotfix");
  } catch {
    // README.md conflicts? It does not: feature left it alone. Either way the resolution below decides.
  }
  c.F4 = repo.rev("HEAD");
  repo.checkout(c.H1).checkout("other", true).write("README.md", "fleet (other)\n").commit("other readme");
  repo.checkout("feature");
  try {
    repo.git("merge", "-q", "--no-ff", "--no-commit", "other");
  } catch {
    // conflicting README.md: resolved by hand below
  }
  repo.write("README.md", "fleet (resolved)\n");
  repo.move("clusters/prod/platform/flux.yaml", "clusters/prod/platform/flux-system.yaml");
  c.F5 = repo.commit("evil merge: resolve README, rename flux.yaml", { ssh });

  repo.git("add", "-A");
  repo.git("update-index", "--add", "--cacheinfo", `160000,${c.root},vendor/lib`);
  repo.gitWith({ GIT_AUTHOR_DATE: "2026-02-01T00:00:00Z", GIT_COMMITTER_DATE: "2026-02-01T00:00:00Z" }, ["commit", "-q", "-m", "vendor a submodule"]);
  c.F6 = repo.rev("HEAD");
  return {
    repo,
    gpg,
    ssh,
    c,
    dispose: () => {
      repo.dispose();
      gpgHome.dispose();
      rmSync(sshDir, { recursive: true, force: true });
    },
  };
}
