import { splitSignedCommit } from "../../signatures/signed-object.js";
import type { SourceCommit } from "../change-set.js";
import { GitSourceError } from "./git-source-error.js";
import { parseHeaders } from "./parse-headers.js";
import { parsePerson } from "./parse-person.js";

/**
 * A commit object, read byte-exact: payload and signature come from the raw bytes (never re-serialised), the
 * message is decoded with the commit's `encoding` header when it names one Node knows.
 */
export function parseCommit(sha: string, raw: Buffer): Omit<SourceCommit, "files"> {
  const { headers, body } = parseHeaders(raw);
  const field = (name: string): string | undefined => headers.find(([key]) => key === name)?.[1];
  if (!field("tree")) throw new GitSourceError(`object ${sha} is not a readable commit (no tree header)`);
  const { payload, signature } = splitSignedCommit(raw);
  return {
    sha,
    parents: headers.filter(([key]) => key === "parent").map(([, value]) => value),
    author: parsePerson(field("author")),
    committer: parsePerson(field("committer")),
    message: decode(body, field("encoding")),
    payload,
    signature,
  };
}

function decode(body: Buffer, encoding: string | undefined): string {
  if (encoding) {
    try {
      return new TextDecoder(encoding).decode(body);
    } catch {
      // An encoding Node does not know: show the bytes as UTF-8 rather than refuse the commit.
    }
  }
  return body.toString("utf8");
}
