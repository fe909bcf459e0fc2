import type { Person } from "../../engine/decision.js";
import { splitSignedTag } from "../../signatures/signed-object.js";
import type { GitContext } from "./git-context.js";
import { GitSourceError } from "./git-source-error.js";
import type { ObjectReader } from "./object-reader.js";
import { parseHeaders } from "./parse-headers.js";
import { parsePerson } from "./parse-person.js";
import { gitLines } from "./run-git.js";

/** An annotated tag as Flux's Tag mode verifies it. */
export interface SourceTag {
  /** The tag object's sha. */
  sha: string;
  /** The commit the tag points to (peeled through nested tags). */
  target: string;
  /** The tag object up to its signature block: what the signature covers. */
  payload: Uint8Array;
  /** The armored signature appended to the message, or null when unsigned. */
  signature: string | null;
  tagger: Person | null;
  /** The tag message, without the signature. */
  message: string;
}

/** Reads `refs/tags/NAME`; a lightweight tag is an error, since it has nothing to sign. */
export async function readTag(ctx: GitContext, objects: ObjectReader, name: string): Promise<SourceTag> {
  const short = name.replace(/^refs\/tags\//, "");
  // git's ref-name rules, so that a name can only ever mean a tag (never `refs/tags/../heads/main`).
  if (!short || /[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{|^[.\/]|[.\/]$|\.lock$/.test(short)) {
    throw new GitSourceError(`${JSON.stringify(short)} is not a valid tag name`);
  }
  const ref = `refs/tags/${short}`;
  const sha = (await gitLines(ctx, ["rev-parse", "--verify", "--quiet", "--end-of-options", ref], [0, 1])).lines[0];
  if (!sha) throw new GitSourceError(`tag ${short} does not exist in ${ctx.repoDir}: fetch tags first (git fetch origin tag ${short})`);
  const object = await objects.read(sha);
  if (!object?.content) throw new GitSourceError(`tag ${short} points to ${sha}, which is missing from the repository: fetch it`);
  if (object.type !== "tag") {
    throw new GitSourceError(
      `tag ${short} is not annotated: Flux's Tag mode needs an annotated, signed tag (re-create it: git tag -s -f ${short} ${sha.slice(0, 12)})`,
    );
  }
  const peeled = await gitLines(ctx, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${sha}^{commit}`], [0, 1]);
  const target = peeled.lines[0];
  if (!target) throw new GitSourceError(`tag ${short} does not point to a commit: Flux can only check out commits`);
  const { payload, signature } = splitSignedTag(object.content);
  const { headers, body } = parseHeaders(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
  const tagger = headers.find(([key]) => key === "tagger")?.[1];
  return { sha, target, payload, signature, tagger: parsePerson(tagger), message: body.toString("utf8") };
}
