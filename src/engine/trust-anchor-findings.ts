import type { FileChange } from "../sources/change-set.js";
import { anchorRole, type TrustAnchors } from "../trust/trust-anchors.js";
import type { RuleFinding } from "./finding.js";
import { TRUST_ANCHOR_RULE } from "./gate-rules.js";

/** One finding per changed file (either side of a rename) that decides whom the gate trusts. */
export function trustAnchorFindings(files: readonly FileChange[], anchors: TrustAnchors): RuleFinding[] {
  return files.flatMap((file) => {
    const path = [file.path, file.previousPath].find((p): p is string => p !== null && anchorRole(anchors, p) !== null);
    if (path === undefined) return [];
    const verb = file.head === null ? "deletes" : file.base === null ? "adds" : "edits";
    return [{
      rule: TRUST_ANCHOR_RULE.id,
      severity: TRUST_ANCHOR_RULE.severity,
      message: `This change ${verb} ${path}, which holds ${anchorRole(anchors, path)}: this check used the base's version; the changes evaluated after it merges will use the new one.`,
      remediation: TRUST_ANCHOR_RULE.fix,
      path: file.path,
      line: null,
      commit: null,
      object: null,
    }];
  });
}
