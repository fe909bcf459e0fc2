import { compareVersions, comparePrerelease, newVersion, type SemVersion } from "./semver-version.js";

/**
 * ImagePolicy `spec.policy.semver.range`, evaluated as Masterminds/semver v3 `Constraints.Check` evaluates it (the
 * library and version line the image-reflector-controller uses): `||` alternatives of AND-ed comparisons separated by
 * spaces or commas, hyphen ranges, `x`/`*` wildcards, `~` and `^`. A pre-release version only satisfies an AND group
 * that names a pre-release itself, so `>=1.0.0 <2.0.0` never selects `1.5.0-rc.1` while `>=1.0.0-0 <2.0.0` does.
 */
export interface SemverRange {
  groups: Array<{ constraints: Constraint[]; includePre: boolean }>;
}

interface Constraint {
  op: string;
  con: SemVersion;
  orig: string;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

/** Ranges longer than this are refused: the validating expression backtracks, and real ranges are short. */
const MAX_RANGE_LENGTH = 256;
const S = "[\\t\\n\\f\\r ]";
const OPS = "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^";
const CV = "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";
const CONSTRAINT = new RegExp(`^${S}*(${OPS})${S}*(${CV})${S}*$`);
const HYPHEN_RANGE = new RegExp(`${S}*(${CV})${S}+-${S}+(${CV})${S}*`, "g");
const FIND = new RegExp(`(${OPS})${S}*(${CV})`, "g");
const VALID = new RegExp(`^(${S}*(${OPS})${S}*(${CV})${S}*)((?:${S}+|,${S}*)(${OPS})${S}*(${CV})${S}*)*$`);

/** Parses a range as `semver.NewConstraint` does; an error string for what the controller would refuse too. */
export function parseSemverRange(range: string): SemverRange | { error: string } {
  if (range.length > MAX_RANGE_LENGTH) return { error: `is longer than ${MAX_RANGE_LENGTH} characters` };
  const rewritten = range.replace(HYPHEN_RANGE, (_all, from: string, ...rest: unknown[]) => `>= ${from}, <= ${String(rest[9])} `);
  const groups: SemverRange["groups"] = [];
  for (const alternative of rewritten.split("||")) {
    if (!VALID.test(alternative)) return { error: `has an improper constraint "${alternative.trim()}"` };
    const constraints: Constraint[] = [];
    for (const text of alternative.match(FIND) ?? [alternative]) {
      const constraint = parseConstraint(text);
      if (!constraint) return { error: `has an improper constraint "${text.trim()}"` };
      constraints.push(constraint);
    }
    groups.push({ constraints, includePre: constraints.some((c) => c.con.pre !== "") });
  }
  return { groups };
}

/** `Constraints.Check`: some alternative whose every comparison holds. */
export function satisfies(version: SemVersion, range: SemverRange): boolean {
  return range.groups.some((g) => g.constraints.every((c) => check(version, c, g.includePre)));
}

function parseConstraint(text: string): Constraint | null {
  const m = CONSTRAINT.exec(text);
  if (!m) return null;
  const [op, orig, major, minor, patch, pre] = [m[1] ?? "", m[2] ?? "", m[3] ?? "", m[4] ?? "", m[5] ?? "", m[6] ?? ""];
  let ver = orig;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === "") {
    [ver, dirty] = [`0.0.0${pre}`, true];
  } else if (isX(minor.slice(1)) || minor === "") {
    [ver, dirty, minorDirty] = [`${major}.0.0${pre}`, true, true];
  } else if (isX(patch.slice(1)) || patch === "") {
    [ver, dirty, patchDirty] = [`${major}${minor}.0${pre}`, true, true];
  }
  const con = newVersion(ver);
  return con ? { op, con, orig, dirty, minorDirty, patchDirty } : null;
}

function check(v: SemVersion, c: Constraint, includePre: boolean): boolean {
  // Pre-releases are considered only by an AND group that names one itself (Masterminds' rule, after npm's).
  if (v.pre !== "" && !includePre) return false;
  const cmp = compareVersions(v, c.con);
  switch (c.op) {
    case "":
    case "=":
      return c.dirty ? tilde(v, c) : cmp === 0;
    case "!=":
      return notEqual(v, c, cmp);
    case ">":
      return greater(v, c, cmp);
    case "<":
      return cmp < 0;
    case ">=":
    case "=>":
      return cmp >= 0;
    case "<=":
    case "=<":
      if (!c.dirty) return cmp <= 0;
      return !(v.major > c.con.major || (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty));
    case "~":
    case "~>":
      return tilde(v, c);
    case "^":
      return caret(v, c, cmp);
    default:
      return false;
  }
}

/** `>1` needs 2.0.0 or more, `>1.2` needs 1.3.0 or more: a wildcard part compares as a whole. */
function greater(v: SemVersion, c: Constraint, cmp: number): boolean {
  if (!c.dirty) return cmp > 0;
  if (v.major !== c.con.major) return v.major > c.con.major;
  if (c.minorDirty) return false;
  return c.patchDirty ? v.minor > c.con.minor : cmp > 0;
}

function notEqual(v: SemVersion, c: Constraint, cmp: number): boolean {
  if (c.dirty) {
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) return (v.pre !== "" || c.con.pre !== "") && comparePrerelease(v.pre, c.con.pre) !== 0;
  }
  return cmp !== 0;
}

/** `~1.2.3` is `>=1.2.3 <1.3.0`; `~1` is `>=1.0.0 <2.0.0`; `~0.0.0` (and `~*`) accepts everything. */
function tilde(v: SemVersion, c: Constraint): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  return v.minor === c.con.minor || c.minorDirty;
}

/** `^1.2.3` is `>=1.2.3 <2.0.0`; `^0.2.3` is `>=0.2.3 <0.3.0`; `^0.0.3` is exactly `0.0.3`. */
function caret(v: SemVersion, c: Constraint, cmp: number): boolean {
  if (cmp < 0) return false;
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
  if (v.major > 0n) return false;
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
  if (v.minor > 0n) return false;
  return v.patch === c.con.patch;
}

function isX(text: string): boolean {
  return text === "x" || text === "X" || text === "*";
}
