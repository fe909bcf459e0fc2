import type { GitContext } from "./git-context.js";
import { GitSourceError } from "./git-source-error.js";
import { gitLines } from "./run-git.js";

/** Where the histories of base and head meet; the net change is taken from here. */
export async function mergeBase(ctx: GitContext, base: string, head: string): Promise<string> {
  const { code, lines } = await gitLines(ctx, ["merge-base", base, head], [0, 1]);
  const sha = lines[0];
  if (code === 0 && sha) return sha;
  throw new GitSourceError(
    `base ${base} and head ${head} have no common history (no merge base) in ${ctx.repoDir}: ` +
      "check that both come from the same repository; a shallow clone needs more history (git fetch --unshallow)",
  );
}
