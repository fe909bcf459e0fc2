import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { GpgKey } from "./gpg.js";
import type { SshKey } from "./ssh.js";

/** How a test commit is signed: by a gpg key, an ssh key, or not at all. */
export type Signing = { gpg: GpgKey } | { ssh: SshKey } | null;

export interface CommitOptions {
  /** Commit date (author and committer), e.g. `2026-01-02T03:04:05Z`; defaults to a fixed clock that ticks per commit. */
  date?: string;
  author?: { name: string; email: string };
  allowEmpty?: boolean;
  /** Commit the index as it is (e.g. after `git update-index` made a gitlink that `add -A` would drop). */
  indexOnly?: boolean;
}

/**
 * A real git repository in a temp directory, driven by the real `git` binary. Signing goes through git itself
 * (`commit -S` with gpg or `gpg.format=ssh`), so payloads and signatures are byte-for-byte what users produce.
 */
export class TestRepo {
  private tick = 0;

  private constructor(readonly dir: string) {}

  static create(initialBranch = "main"): TestRepo {
    const dir = mkdtempSync(join(tmpdir(), "fw-repo-"));
    const repo = new TestRepo(dir);
    repo.git("init", "-q", "-b", initialBranch);
    repo.git("config", "user.name", "Test Developer");
    repo.git("config", "user.email", "dev@example.com");
    repo.git("config", "commit.gpgsign", "false");
    repo.git("config", "tag.gpgsign", "false");
    repo.git("config", "core.quotepath", "false");
    return repo;
  }

  git(...args: string[]): string {
    return this.gitWith({}, args);
  }

  gitWith(env: Record<string, string>, args: string[], input?: string): string {
    return execFileSync("git", args, {
      cwd: this.dir,
      encoding: "utf8",
      input,
      maxBuffer: 1024 * 1024 * 1024,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: this.dir, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    }).trimEnd();
  }

  write(path: string, content: string | Uint8Array): this {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return this;
  }

  /** Writes several files: `{ "path": "content" }`. */
  writeAll(files: Record<string, string>): this {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
    return this;
  }

  remove(path: string): this {
    this.git("rm", "-q", "-r", "--", path);
    return this;
  }

  move(from: string, to: string): this {
    mkdirSync(dirname(join(this.dir, to)), { recursive: true });
    this.git("mv", "--", from, to);
    return this;
  }

  symlink(path: string, target: string): this {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    try {
      unlinkSync(full);
    } catch {
      // nothing there yet
    }
    symlinkSync(target, full);
    return this;
  }

  /** Stages everything and commits; returns the new commit's sha. */
  commit(message: string, signing: Signing = null, options: CommitOptions = {}): string {
    if (!options.indexOnly) this.git("add", "-A");
    const args = [...signingArgs(signing), "commit", "-q", "-m", message];
    if (options.allowEmpty) args.push("--allow-empty");
    if (signing) args.push("-S");
    this.gitWith(this.commitEnv(signing, options), args);
    return this.rev("HEAD");
  }

  /** Merges `branch` into the current branch with a merge commit (never fast-forward). */
  merge(branch: string, message: string, signing: Signing = null, options: CommitOptions = {}): string {
    const args = [...signingArgs(signing), "merge", "-q", "--no-ff", "-m", message, branch];
    if (signing) args.push("-S");
    this.gitWith(this.commitEnv(signing, options), args);
    return this.rev("HEAD");
  }

  /** An annotated tag, signed when `signing` is given. */
  tag(name: string, message: string, signing: Signing = null, target = "HEAD"): void {
    const args = [...signingArgs(signing), "tag", "-a", name, "-m", message];
    if (signing) args.push("-s");
    args.push(target);
    this.gitWith(this.commitEnv(signing, {}), args);
  }

  checkout(ref: string, create = false): this {
    this.git("checkout", "-q", ...(create ? ["-b"] : []), ref);
    return this;
  }

  rev(ref: string): string {
    return this.git("rev-parse", ref);
  }

  /** Writes a raw commit object (for replayed or hand-made signatures) and returns its sha. */
  hashCommitObject(raw: string): string {
    return this.gitWith({}, ["hash-object", "-t", "commit", "-w", "--stdin"], raw);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private commitEnv(signing: Signing, options: CommitOptions): Record<string, string> {
    const date = options.date ?? new Date(Date.UTC(2026, 0, 1) + 60_000 * this.tick++).toISOString();
    const env: Record<string, string> = { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    if (options.author) {
      env.GIT_AUTHOR_NAME = options.author.name;
      env.GIT_AUTHOR_EMAIL = options.author.email;
    }
    if (signing && "gpg" in signing) env.GNUPGHOME = signing.gpg.home;
    return env;
  }
}

function signingArgs(signing: Signing): string[] {
  if (!signing) return [];
  if ("gpg" in signing) {
    return ["-c", "gpg.format=openpgp", "-c", `gpg.program=${signing.gpg.gpgProgram}`, "-c", `user.signingkey=${signing.gpg.signingKeyId}!`];
  }
  return ["-c", "gpg.format=ssh", "-c", `user.signingkey=${signing.ssh.privatePath}`];
}
