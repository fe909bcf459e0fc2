import type { TestRepo } from "../../support/git-repo.js";

/**
 * Writes a linear history of `count` commits on top of a root commit with ONE `git fast-import` process (thousands
 * of `git commit` processes would take minutes). Commit i changes `clusters/c{i % 20}/f{i % 100}.yaml`; every 250th
 * commit also renames the README (`clusters/README-{i - 250}.md` → `clusters/README-{i}.md`), so renames are
 * detected across the range. Returns the root's sha.
 */
export function fastImportHistory(repo: TestRepo, count: number, branch = "main"): string {
  const parts: string[] = [];
  const commit = (mark: number, message: string, ops: string[], parent: number | null): void => {
    const time = 1_767_225_600 + mark * 60;
    parts.push(`commit refs/heads/${branch}\nmark :${mark}\n`);
    parts.push(`author Bulk <bulk@example.com> ${time} +0000\ncommitter Bulk <bulk@example.com> ${time} +0000\n`);
    parts.push(`data ${Buffer.byteLength(message)}\n${message}\n`);
    if (parent !== null) parts.push(`from :${parent}\n`);
    for (const op of ops) parts.push(op);
    parts.push("\n");
  };
  const inline = (path: string, content: string): string => `M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`;
  commit(1, "root", [inline("clusters/README-0.md", "root\n")], null);
  for (let i = 1; i <= count; i++) {
    const ops = [inline(`clusters/c${i % 20}/f${i % 100}.yaml`, `kind: ConfigMap\nmetadata:\n  name: f${i % 100}\ndata:\n  n: "${i}"\n`)];
    if (i % 250 === 0) ops.push(`R clusters/README-${i - 250}.md clusters/README-${i}.md\n`);
    commit(i + 1, `commit ${i}`, ops, i);
  }
  repo.gitWith({}, ["fast-import", "--quiet"], parts.join(""));
  return repo.rev(`${branch}~${count}`);
}
