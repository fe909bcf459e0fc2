/**
 * Whether a semver constraint (Masterminds syntax, which Flux uses for chart versions and ImagePolicy ranges) has an
 * upper bound: if not, whoever can publish a higher version to the source decides what the cluster runs.
 *
 * A range is bounded when every `||` alternative is: one of its comparisons is `<`/`<=`, an exact version, a
 * wildcard or partial version with a numeric major (`1.x`, `1.2`, `1.2.*`), a tilde or caret range, or a hyphen range
 * whose upper end has a numeric major. `*`, `x`, an empty string and lone `>=`/`>`/`!=` are not.
 */
export function isBoundedSemverRange(range: string): boolean {
  const alternatives = range.split("||").map((a) => a.trim());
  return alternatives.every((alternative) => alternative !== "" && alternativeIsBounded(alternative));
}

const NUMERIC_MAJOR = /^v?\d+(?:[.\-+]|$)/;

function alternativeIsBounded(alternative: string): boolean {
  // Hyphen range: `1.2.3 - 2.3.4`, bounded by its upper end.
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(alternative);
  if (hyphen) return NUMERIC_MAJOR.test(hyphen[2]!);
  // Masterminds separates AND-ed comparisons with commas or spaces, and allows a space after the operator.
  const comparisons = alternative.replace(/(<=|>=|=<|=>|!=|~>|[<>=~^])\s+/g, "$1").split(/[\s,]+/).filter(Boolean);
  return comparisons.some(comparisonIsBounded);
}

function comparisonIsBounded(comparison: string): boolean {
  const match = /^(<=|>=|=<|=>|!=|~>|[<>=~^])?(.*)$/.exec(comparison)!;
  const operator = match[1] ?? "=";
  const version = match[2]!;
  switch (operator) {
    case "<":
    case "<=":
    case "=<":
      return true;
    case "=":
    case "~":
    case "~>":
    case "^":
      // `*`, `x` or `X` as the major version is no bound at all, whatever the operator.
      return NUMERIC_MAJOR.test(version);
    default:
      return false;
  }
}
