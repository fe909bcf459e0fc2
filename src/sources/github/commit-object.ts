import type { SourceCommit } from "../change-set.js";
import { parseCommit } from "../git/parse-commit.js";
import type { ApiCommit, ApiPerson } from "./api-commit.js";
import { gitObjectId } from "./git-object-id.js";
import { GitHubSourceError } from "./github-source-error.js";

/** A commit rebuilt from the API, byte-exact when `exact`, with its tree (what its files are diffed from). */
export interface RebuiltCommit extends Omit<SourceCommit, "files"> {
  tree: string;
  /** The raw object was rebuilt and hashed to the commit's sha: payload, signature, tree and parents are proven. */
  exact: boolean;
}

/**
 * The raw commit object behind an API answer, proven by its hash, then read with the local source's own parser — so
 * both sources describe a commit identically.
 *
 * Signed: the object is the payload with the `gpgsig` header put back; git writes it at the end of the header block,
 * other tools may not, so every header boundary is tried. A payload that hashes to no position is refused: its
 * signature would be checked against bytes that are not the commit (a replay), so nothing is evaluated.
 *
 * Unsigned: GitHub gives no payload, and REST dates lose the time zone; the object is rebuilt from the fields, trying
 * time zones and the message's final newline until the hash matches. When nothing matches (an `encoding` or
 * `mergetag` header), the +0000 rebuild is used: an unsigned commit fails verification whatever its payload says.
 */
export function rebuildCommit(commit: ApiCommit): RebuiltCommit {
  const raw = commit.signature && commit.payload !== null ? signedObject(commit) : unsignedObject(commit);
  const bytes = raw ?? fieldsObject(commit, "+0000", "+0000", withNewline(commit.message));
  const parsed = parseCommit(commit.sha, bytes);
  const tree = /^tree ([0-9a-f]{40,64})$/m.exec(bytes.toString("latin1", 0, headerEnd(bytes)))?.[1] ?? "";
  if (raw && (tree !== commit.tree || parsed.parents.join(" ") !== commit.parents.join(" "))) {
    throw new GitHubSourceError(`GitHub describes commit ${commit.sha} with tree ${commit.tree} and parents ${commit.parents.join(", ")}, but its signed object says tree ${tree} and parents ${parsed.parents.join(", ")}: retry; if it persists, evaluate locally with flux-warden check`);
  }
  return { ...parsed, tree, exact: raw !== null };
}

function signedObject(commit: ApiCommit): Buffer | null {
  const payload = Buffer.from(commit.payload ?? "", "utf8");
  const header = Buffer.from(`gpgsig ${(commit.signature ?? "").replace(/\n$/, "").split("\n").join("\n ")}\n`, "utf8");
  const end = headerEnd(payload);
  const boundaries = [end];
  for (let at = payload.lastIndexOf(0x0a, end - 2); at !== -1; at = payload.lastIndexOf(0x0a, at - 1)) boundaries.push(at + 1);
  for (const at of boundaries) {
    const raw = Buffer.concat([payload.subarray(0, at), header, payload.subarray(at)]);
    if (gitObjectId("commit", raw) === commit.sha) return raw;
  }
  throw new GitHubSourceError(
    `GitHub's signed payload for commit ${commit.sha} does not hash to that commit, so its signature cannot be checked ` +
      "against it (a commit object that is not UTF-8?): evaluate the change locally with flux-warden check",
  );
}

/** Time zones people commit in, most likely first; author and committer are tried in the same zone. */
const ZONES = ["+0000", ...Array.from({ length: 105 }, (_, i) => zone(-720 + i * 15)).filter((z) => z !== "+0000")];

function unsignedObject(commit: ApiCommit): Buffer | null {
  const messages = [withNewline(commit.message), commit.message];
  for (const tz of ZONES) {
    for (const message of messages) {
      const raw = fieldsObject(commit, tz, tz, message);
      if (gitObjectId("commit", raw) === commit.sha) return raw;
    }
  }
  return null;
}

function fieldsObject(commit: ApiCommit, authorZone: string, committerZone: string, message: string): Buffer {
  const lines = [`tree ${commit.tree}`, ...commit.parents.map((p) => `parent ${p}`)];
  if (commit.author) lines.push(`author ${identity(commit.author, authorZone)}`);
  if (commit.committer) lines.push(`committer ${identity(commit.committer, committerZone)}`);
  return Buffer.from(`${lines.join("\n")}\n\n${message}`, "utf8");
}

function identity(person: ApiPerson, tz: string): string {
  return `${person.name} <${person.email}> ${Math.floor(Date.parse(person.date) / 1000)} ${tz}`;
}

function withNewline(message: string): string {
  return message.endsWith("\n") ? message : `${message}\n`;
}

function zone(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

/** Index just past the header block (before the blank line), or the end. */
function headerEnd(bytes: Buffer): number {
  const at = bytes.indexOf("\n\n");
  return at === -1 ? bytes.length : at + 1;
}
