import type { ProblemKind } from "../../manifests/types.js";
import type { FileRule, RuleMeta } from "../types.js";

/**
 * Template: a file rule reporting one kind of parse problem on a head file. The parser decides what a problem is;
 * the rule gives it an id, a severity and the words the docs and the check run use.
 */
export function problemRule(kind: ProblemKind, meta: RuleMeta): FileRule {
  return {
    ...meta,
    scope: "file",
    check: (file) =>
      file.problems
        .filter((problem) => problem.kind === kind)
        .map((problem, i) => ({ message: `${file.path} ${problem.message}.`.replace(/\.\.$/, "."), key: `${kind}:${i}`, line: problem.line })),
  };
}
