/**
 * Semantic versions exactly as Masterminds/semver v3 reads them — the library Flux's image-reflector-controller uses
 * for `ImagePolicy` semver ranges — so a tag is judged here as the controller judges it.
 */
export interface SemVersion {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

const MAX_UINT64 = (1n << 64n) - 1n;
const LENIENT = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const DIGITS = /^[0-9]*$/;
const IDENTIFIER = /^[0-9A-Za-z-]*$/;

/** `NewVersion`: SemVer-ish input (`v1`, `1.2`) coerced to a version; null when it cannot be. */
export function newVersion(text: string): SemVersion | null {
  const m = LENIENT.exec(text);
  if (!m) return null;
  const major = uint64(m[1]!);
  const minor = m[2] ? uint64(m[2].slice(1)) : 0n;
  const patch = m[3] ? uint64(m[3].slice(1)) : 0n;
  if (major === null || minor === null || patch === null) return null;
  const version = { major, minor, patch, pre: m[5] ?? "", metadata: m[8] ?? "", original: text };
  return validExtras(version) ? version : null;
}

/** `StrictNewVersion`: exactly `MAJOR.MINOR.PATCH[-pre][+meta]`, no leading zeros, no `v`. */
export function strictNewVersion(text: string): SemVersion | null {
  if (text === "") return null;
  const parts = splitN(text, ".", 3);
  if (parts.length !== 3) return null;
  let pre = "";
  let metadata = "";
  if (/[-+]/.test(parts[2]!)) {
    const plus = splitN(parts[2]!, "+", 2);
    if (plus.length > 1) [parts[2], metadata] = [plus[0]!, plus[1]!];
    const dash = splitN(parts[2]!, "-", 2);
    if (dash.length > 1) [parts[2], pre] = [dash[0]!, dash[1]!];
  }
  for (const part of parts) {
    if (!DIGITS.test(part) || (part.length > 1 && part.startsWith("0"))) return null;
  }
  const [major, minor, patch] = parts.map(uint64);
  if (major == null || minor == null || patch == null) return null;
  const version = { major, minor, patch, pre, metadata, original: text };
  return validExtras(version) ? version : null;
}

/**
 * Flux's `version.ParseVersion`, which the semver ImagePolicy applies to every tag: strict, except that one leading
 * `v` is allowed. Anything else is not a candidate at all.
 */
export function parseTagVersion(tag: string): SemVersion | null {
  return strictNewVersion(tag.startsWith("v") ? tag.slice(1) : tag) ? newVersion(tag) : null;
}

/** -1, 0 or 1; pre-releases sort before their release, build metadata is ignored. */
export function compareVersions(a: SemVersion, b: SemVersion): number {
  for (const key of ["major", "minor", "patch"] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  if (a.pre === b.pre) return 0;
  if (a.pre === "") return 1;
  if (b.pre === "") return -1;
  return comparePrerelease(a.pre, b.pre);
}

export function comparePrerelease(a: string, b: string): number {
  const [as, bs] = [a.split("."), b.split(".")];
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const d = comparePart(as[i] ?? "", bs[i] ?? "");
    if (d !== 0) return d;
  }
  return 0;
}

/** Numeric identifiers compare as numbers and sort before alphanumeric ones; an absent part sorts first. */
function comparePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === "") return -1;
  if (o === "") return 1;
  const [sn, on] = [uint64(s), uint64(o)];
  if (sn === null && on === null) return s > o ? 1 : -1;
  if (on === null) return -1;
  if (sn === null) return 1;
  return sn > on ? 1 : -1;
}

function validExtras(v: SemVersion): boolean {
  const pre = v.pre === "" || v.pre.split(".").every((p) => (DIGITS.test(p) ? !(p.length > 1 && p.startsWith("0")) : IDENTIFIER.test(p)));
  const meta = v.metadata === "" || v.metadata.split(".").every((p) => IDENTIFIER.test(p));
  return pre && meta;
}

/** Go's `strconv.ParseUint(s, 10, 64)`. */
function uint64(text: string): bigint | null {
  if (!/^[0-9]+$/.test(text)) return null;
  const value = BigInt(text);
  return value <= MAX_UINT64 ? value : null;
}

/** Go's `strings.SplitN`. */
function splitN(text: string, sep: string, n: number): string[] {
  const parts = text.split(sep);
  return parts.length <= n ? parts : [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}
