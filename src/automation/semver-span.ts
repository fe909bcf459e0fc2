import { parseSemverRange, satisfies, type SemverRange } from "./semver-range.js";
import { compareVersions, newVersion, type SemVersion } from "./semver-version.js";

/**
 * How far a semver range lets new releases move, as the controller evaluates it: one exact version, new patches of
 * one minor (`~1.4`, `1.4.x`), new minors of one major (`^1.4`, `1.x`), or new majors (`>=1.4.0 <3.0.0`). Whether one
 * range is wider than another is this class, not set inclusion: moving a window up (`~1.4` to `~1.5`) is a routine
 * bump, letting it span more (`~1.4` to `^1.4`) gives whoever can publish a release more room.
 */
export type SemverSpan = "exact" | "patches" | "minors" | "majors";
const ORDER: readonly SemverSpan[] = ["exact", "patches", "minors", "majors"];

/** The span of a range with the version that shows it, or null for a range the controller refuses or that admits nothing. */
export function semverSpan(text: string): { span: SemverSpan; from: string; to: string } | null {
  const range = parseSemverRange(text);
  if ("error" in range) return null;
  let widest: { span: SemverSpan; from: string; to: string } | null = null;
  const starts: SemVersion[] = [];
  for (const group of range.groups) {
    const one: SemverRange = { groups: [group] };
    const start = lowestAdmitted(one, group.constraints.map((c) => c.con));
    if (start === null) continue;
    starts.push(start);
    const steps: Array<[SemverSpan, SemVersion]> = [
      ["majors", version(start.major + 1n, 0n, 0n)],
      ["minors", version(start.major, start.minor + 1n, 0n)],
      ["patches", version(start.major, start.minor, start.patch + 1n)],
    ];
    const found = steps.find(([, next]) => satisfies(next, one));
    const span: SemverSpan = found ? found[0] : "exact";
    if (widest === null || ORDER.indexOf(span) > ORDER.indexOf(widest.span)) widest = { span, from: versionText(start), to: found ? versionText(found[1]) : versionText(start) };
  }
  // `||` alternatives are windows of their own: `~1.4 || ~9.0` lets 9.0.x in beside 1.4.x.
  starts.sort(compareVersions);
  const [low, high] = [starts[0], starts.at(-1)];
  if (widest && low && high && low !== high) {
    const apart: SemverSpan = low.major !== high.major ? "majors" : low.minor !== high.minor ? "minors" : low.patch !== high.patch ? "patches" : "exact";
    if (ORDER.indexOf(apart) > ORDER.indexOf(widest.span)) widest = { span: apart, from: versionText(low), to: versionText(high) };
  }
  return widest;
}

/** True when `after` lets releases move further than `before` did. */
export function isWiderSpan(before: SemverSpan, after: SemverSpan): boolean {
  return ORDER.indexOf(after) > ORDER.indexOf(before);
}

/** The lowest release (no pre-release) the range admits among the constraint versions and their next steps. */
function lowestAdmitted(range: SemverRange, bounds: readonly SemVersion[]): SemVersion | null {
  const candidates = bounds.flatMap((v) => [version(v.major, v.minor, v.patch), version(v.major, v.minor, v.patch + 1n), version(v.major, v.minor + 1n, 0n), version(v.major + 1n, 0n, 0n)]);
  candidates.push(version(0n, 0n, 0n), version(0n, 0n, 1n), version(0n, 1n, 0n), version(1n, 0n, 0n));
  const admitted = candidates.filter((v) => satisfies(v, range));
  admitted.sort(compareVersions);
  return admitted[0] ?? null;
}

function version(major: bigint, minor: bigint, patch: bigint): SemVersion {
  return newVersion(`${major}.${minor}.${patch}`)!;
}

function versionText(v: SemVersion): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}
