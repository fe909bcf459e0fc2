import type { GitContext } from "./git-context.js";
import { streamGit } from "./run-git.js";

/** Every commit in `base..head`, parents before children (`--topo-order --reverse`), merges included, streamed. */
export async function listCommits(ctx: GitContext, base: string, head: string): Promise<string[]> {
  const shas: string[] = [];
  await streamGit(ctx, ["rev-list", "--topo-order", "--reverse", `${base}..${head}`, "--"], {
    separator: 0x0a,
    onRecord: (record) => shas.push(record.toString("latin1")),
  });
  return shas;
}
