/**
 * ImagePolicy `spec.filterTags.pattern` is a Go (RE2) regular expression and `extract` a Go `Regexp.Expand`
 * template. JavaScript agrees with RE2 on the common subset (leftmost-first matching, the same submatches); outside
 * it the two read the same text differently, so anything outside it is refused rather than guessed: the caller fails
 * closed.
 */
export type GoRegexp = { regex: RegExp } | { error: string };

/** Escapes that mean the same in RE2 and in a JavaScript RegExp without the `u` flag. */
const SAME_ESCAPES = new Set([..."dDwWsSbBtnrfv"]);
/** Flags that change nothing for a tag (no newlines in tags), or map onto JavaScript's `i`. */
const LEADING_FLAGS = /^\(\?([ims]+)\)/;

/** Translates `pattern` to a JavaScript RegExp, or says why it will not. */
export function compileGoRegexp(pattern: string): GoRegexp {
  let source = pattern;
  let flags = "";
  const leading = LEADING_FLAGS.exec(source);
  if (leading) {
    if (leading[1]!.includes("i")) flags = "i";
    source = source.slice(leading[0].length);
  }
  const translated = translate(source);
  if ("error" in translated) return translated;
  try {
    return { regex: new RegExp(translated.source, flags) };
  } catch (thrown) {
    return { error: `does not compile: ${thrown instanceof Error ? thrown.message : String(thrown)}` };
  }
}

function translate(pattern: string): { source: string } | { error: string } {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      const next = pattern[i + 1];
      if (next === undefined) return { error: "ends with a lone backslash" };
      if (next === "x" && /^[0-9A-Fa-f]{2}$/.test(pattern.slice(i + 2, i + 4))) {
        out += pattern.slice(i, i + 4);
        i += 3;
        continue;
      }
      // Letters and digits other than the shared classes mean different things (or nothing) in one of the two:
      // \A \z \Q \p \C, octal \1 in RE2 against a backreference in JavaScript.
      if (/[A-Za-z0-9]/.test(next) && !SAME_ESCAPES.has(next)) return { error: `uses \\${next}, which RE2 and JavaScript read differently` };
      out += c + next;
      i++;
      continue;
    }
    if (inClass) {
      if (c === "[" && pattern[i + 1] === ":") return { error: "uses a POSIX character class ([:name:])" };
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (c === "[") {
      // RE2 reads a `]` right after `[` or `[^` as a literal; JavaScript as the end of an empty class.
      const first = pattern[i + 1] === "^" ? pattern[i + 2] : pattern[i + 1];
      if (first === "]") return { error: "starts a character class with ]" };
      inClass = true;
      out += c;
      continue;
    }
    if (c === "(" && pattern[i + 1] === "?") {
      const group = /^\(\?(?::|P?<([A-Za-z_][A-Za-z0-9_]*)>)/.exec(pattern.slice(i));
      if (!group) return { error: "uses a group form other than (?:…) and (?P<name>…) (flags, lookaround)" };
      out += group[1] === undefined ? "(?:" : `(?<${group[1]}>`;
      i += group[0].length - 1;
      continue;
    }
    if (c === "{") {
      const counted = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(i));
      if (counted && (Number(counted[1]) > 1000 || Number(counted[2] ?? 0) > 1000)) return { error: "repeats more than 1000 times, which RE2 refuses" };
    }
    out += c;
  }
  return inClass ? { error: "leaves a character class open" } : { source: out };
}

/**
 * Go's `Regexp.ExpandString`: `$1`, `${1}`, `$name`, `${name}` are replaced by the submatch (empty when absent), `$$`
 * is a `$`, and a `$` not followed by a valid name is kept as is. Names are as long as possible: `$1x` is `${1x}`.
 */
export function expandGoTemplate(template: string, match: RegExpExecArray): string {
  let out = "";
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf("$");
    if (dollar === -1) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith("$")) {
      out += "$";
      rest = rest.slice(1);
      continue;
    }
    const ref = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(rest);
    if (!ref) {
      out += "$";
      continue;
    }
    rest = rest.slice(ref[0].length);
    const name = ref[1] ?? ref[2]!;
    const num = /^(0|[1-9][0-9]{0,8})$/.test(name) ? Number(name) : -1;
    out += (num >= 0 ? match[num] : match.groups?.[name]) ?? "";
  }
  return out + rest;
}
