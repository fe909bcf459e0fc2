import { isWiderSpan, semverSpan, type SemverSpan } from "../../automation/semver-span.js";

const MEANING: Record<SemverSpan, string> = {
  exact: "one exact version",
  patches: "new patch releases of one minor version",
  minors: "new minor releases of one major version",
  majors: "new major releases",
};

/**
 * The clause saying how a bounded semver range was widened (`~1.4` to `^1.4`), or null when the new one spans no more
 * than the old (a bump that moves the window, or a narrowing). Unbounded and unparsable ranges are other rules' cases.
 */
export function rangeWidening(before: string, after: string): string | null {
  const [was, now] = [semverSpan(before), semverSpan(after)];
  if (was === null || now === null || !isWiderSpan(was.span, now.span)) return null;
  return `changed from "${before}" (${MEANING[was.span]}) to "${after}" (${MEANING[now.span]}): ${now.to} is accepted after ${now.from} without a reviewed change here`;
}
