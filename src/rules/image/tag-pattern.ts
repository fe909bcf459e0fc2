/**
 * Reading ImagePolicy `filterTags.pattern` values, which are Go (RE2) regular expressions. Only what JavaScript can
 * evaluate identically is judged; a pattern that does not compile here is never called wide or narrow.
 */

/** Tags unlike any release: a pattern accepting all of them accepts anything an attacker pushes. */
const PROBES = ["latest", "x", "0", "v9.9.9-x", "main-e"];

/** The pattern as a JavaScript RegExp: Go's `(?P<name>` groups and a leading `(?i)` flag translated; null if invalid. */
export function compileTagPattern(pattern: string): RegExp | null {
  let source = pattern.replace(/\(\?P</g, "(?<");
  let flags = "";
  if (source.startsWith("(?i)")) [source, flags] = [source.slice(4), "i"];
  try {
    return new RegExp(source, flags);
  } catch {
    return null;
  }
}

/** True when the pattern accepts every probe tag, i.e. filters nothing (`.*`, `^.*$`, an empty pattern). */
export function acceptsAnyTag(pattern: string): boolean {
  const regex = compileTagPattern(pattern);
  return regex !== null && PROBES.every((tag) => regex.test(tag));
}

/** True when `after` dropped a `^` or `$` anchor `before` had: the filter now also matches inside longer tags. */
export function lostAnchor(before: string, after: string): boolean {
  const start = (p: string) => p.replace(/^\(\?i\)/, "").startsWith("^");
  const end = (p: string) => p.endsWith("$") && !p.endsWith("\\$");
  return (start(before) && !start(after)) || (end(before) && !end(after));
}
