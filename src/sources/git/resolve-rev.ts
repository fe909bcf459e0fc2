import type { GitContext } from "./git-context.js";
import { GitSourceError } from "./git-source-error.js";
import { gitLines } from "./run-git.js";

/**
 * The full sha of the commit `rev` names (`origin/main`, `HEAD~2`, a tag — peeled to its commit). A revision that
 * does not exist gets a message that says how to get it; anything else git objects to keeps git's own line.
 */
export async function resolveRev(ctx: GitContext, rev: string): Promise<string> {
  // --end-of-options: a revision is never taken as an option, whatever a caller passes.
  const { code, lines } = await gitLines(ctx, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`], [0, 1]);
  const sha = lines[0];
  if (code === 0 && sha) return sha;
  throw new GitSourceError(`unknown revision ${rev} in ${ctx.repoDir}: ${await unknownRevisionAdvice(ctx, rev)}`);
}

/** What to do about a revision this clone does not have. Only runs on the error path, so its extra git calls are free. */
async function unknownRevisionAdvice(ctx: GitContext, rev: string): Promise<string> {
  const shallow = (await gitLines(ctx, ["rev-parse", "--is-shallow-repository"]).catch(() => null))?.lines[0] === "true";
  const deepen = shallow ? "; this clone is shallow: fetch the history too (git fetch --unshallow)" : "";
  const remotes = (await gitLines(ctx, ["remote"]).catch(() => null))?.lines ?? [];
  const remote = remotes.find((name) => rev.startsWith(`${name}/`));
  if (remote) return `fetch it first (git fetch ${remote} ${rev.slice(remote.length + 1)})${deepen}`;
  if (/^[0-9a-f]{7,64}$/i.test(rev)) return `the commit is not in this clone: fetch it (git fetch origin ${rev})${deepen}`;
  if (/[~^@{:]/.test(rev)) return `the history does not reach that far, or the name is wrong${deepen}`;
  const from = remotes.includes("origin") ? "origin" : remotes[0];
  const fetch = from && !rev.includes("/") ? ` or fetch it first (git fetch ${from} ${rev})` : "";
  return `check the name (git branch -a, git tag -l)${fetch}${deepen}`;
}
