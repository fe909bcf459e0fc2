/** The header fields of a commit or tag object, in order; continuation lines are folded into their header. */
export function parseHeaders(raw: Buffer): { headers: Array<[string, string]>; body: Buffer } {
  const end = raw.indexOf("\n\n");
  const headerText = raw.toString("utf8", 0, end === -1 ? raw.length : end);
  const headers: Array<[string, string]> = [];
  for (const line of headerText.split("\n")) {
    const last = headers[headers.length - 1];
    if (line.startsWith(" ") && last) last[1] += `\n${line.slice(1)}`;
    else if (line !== "") {
      const space = line.indexOf(" ");
      headers.push(space === -1 ? [line, ""] : [line.slice(0, space), line.slice(space + 1)]);
    }
  }
  return { headers, body: end === -1 ? Buffer.alloc(0) : raw.subarray(end + 2) };
}
