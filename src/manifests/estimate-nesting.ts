/**
 * An upper bound on how deeply a YAML text nests, computed in one linear pass without parsing.
 *
 * The yaml parser handles thousands of levels but not tens of thousands (memory grows until the process dies, which
 * no try/catch can stop), so this runs first and refuses such texts before the parser sees them. It over-counts on
 * purpose. Per line: the indentation (each block level needs at least one more column), the block indicators that
 * open the line (`- `, `? `, `: ` nest on one line: `- - - x`, also behind anchors and tags: `- &a - !t - x`; further
 * along a line they cannot open a block collection), and the flow brackets open at the line's peak (`[[[…]]]`).
 * Quoted text and comments do not count. The exact depth is checked after parsing.
 */
export function estimateNesting(text: string): number {
  let max = 0;
  let open = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const line = scanLine(text, start, end, open);
    open = line.open;
    if (line.estimate > max) max = line.estimate;
    start = end + 1;
  }
  return max;
}

const TOKEN_START = new Set([" ", "\t", "[", "{", ",", ":"]);
const INDICATORS = new Set(["-", "?", ":"]);

function scanLine(text: string, start: number, end: number, openBefore: number): { open: number; estimate: number } {
  let i = start;
  while (i < end && (text[i] === " " || text[i] === "\t")) i++;
  const indent = i - start;
  let indicators = 0;
  // The line's prefix: indicators, and the anchors and tags that may sit between them.
  for (;;) {
    const c = text[i];
    const after = i + 1 < end ? text[i + 1]! : " ";
    if (c !== undefined && i < end && INDICATORS.has(c) && (after === " " || after === "\t" || after === "\r")) {
      indicators++;
      i++;
    } else if ((c === "&" || c === "!") && i < end) {
      while (i < end && text[i] !== " " && text[i] !== "\t") i++;
    } else {
      break;
    }
    while (i < end && (text[i] === " " || text[i] === "\t")) i++;
  }
  let open = openBefore;
  let peak = openBefore;
  let quote: string | null = null;
  for (; i < end; i++) {
    const c = text[i]!;
    if (quote !== null) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    const before = i === start ? " " : text[i - 1]!;
    // A quote opens a quoted scalar only where a token starts; inside a plain scalar (`don't`) it is a character.
    if ((c === '"' || c === "'") && TOKEN_START.has(before)) quote = c;
    else if (c === "#" && (before === " " || before === "\t" || i === start)) break;
    else if (c === "[" || c === "{") peak = Math.max(peak, ++open);
    else if ((c === "]" || c === "}") && open > 0) open--;
  }
  return { open, estimate: indent + indicators + peak };
}
