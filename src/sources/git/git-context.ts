import type { ChildProcess } from "node:child_process";

/** How to run git for one repository: passed to every helper instead of global state. */
export interface GitContext {
  /** The git executable. */
  readonly git: string;
  /** The working directory git runs in (any directory inside the repository). */
  readonly repoDir: string;
  /** The per-call git processes still running, so that closing the source can end them (streamGit keeps it). */
  readonly running?: Set<ChildProcess>;
}

/**
 * The environment every git process gets. Replace refs are switched off because they make git show a different
 * object than the one a sha names: a signature must be checked over the real object bytes, which is what Flux clones.
 * `LC_ALL=C` keeps git's messages in English so that they can be recognised; prompts are disabled because nothing
 * here is interactive.
 */
export function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_NO_REPLACE_OBJECTS: "1", GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
}
