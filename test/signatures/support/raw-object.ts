import { execFileSync } from "node:child_process";
import type { TestRepo } from "../../support/git-repo.js";

/**
 * The exact bytes of a git object (`git cat-file <type> <rev>`). TestRepo.git() trims its output, which would cut the
 * object's final newline and so change what the signature covers.
 */
export function rawObject(repo: TestRepo, type: "commit" | "tag", rev: string): Uint8Array {
  return new Uint8Array(execFileSync("git", ["cat-file", type, rev], { cwd: repo.dir, env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: repo.dir } }));
}
