import { promisify } from "node:util";
import { gunzip } from "node:zlib";

/** On libuv's thread pool: a repository's archive is megabytes, and inflating it must not hold the event loop. */
const inflate = promisify(gunzip);

/** A file of an archive: its path (the archive's top directory removed) and bytes (a symlink's target, for a link). */
export interface ArchivedFile {
  path: string;
  kind: "file" | "symlink";
  bytes: Buffer;
}

const BLOCK = 512;

/**
 * The files of a gzipped tar as `git archive` (and so GitHub's tarball endpoint) writes it: ustar headers, pax
 * extended headers carrying long paths and link targets, one top directory (`owner-repo-sha/`) that is stripped.
 * Directories, global headers and anything else are skipped. Throws on a malformed archive rather than guessing.
 */
export async function readTarball(gzipped: Uint8Array): Promise<ArchivedFile[]> {
  const tar = await inflate(gzipped);
  const files: ArchivedFile[] = [];
  let pax: Record<string, string> = {};
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const size = octal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] ?? 0);
    const body = tar.subarray(at + BLOCK, at + BLOCK + size);
    if (body.length !== size) throw new Error("truncated tar archive");
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x") {
      pax = paxRecords(body);
      continue;
    }
    if (type === "g") continue;
    const name = field(header.subarray(0, 100));
    const prefix = header.subarray(257, 262).toString("latin1") === "ustar" ? field(header.subarray(345, 500)) : "";
    const path = pax.path ?? (prefix ? `${prefix}/${name}` : name);
    const link = pax.linkpath ?? field(header.subarray(157, 257));
    pax = {};
    const inside = path.slice(path.indexOf("/") + 1);
    if (!inside || path.indexOf("/") === -1) continue;
    if (type === "0" || type === "\0") files.push({ path: inside, kind: "file", bytes: Buffer.from(body) });
    else if (type === "2") files.push({ path: inside, kind: "symlink", bytes: Buffer.from(link, "utf8") });
  }
  return files;
}

function field(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.toString("utf8", 0, end === -1 ? bytes.length : end);
}

function octal(bytes: Buffer): number {
  const digits = field(bytes).trim();
  if (!/^[0-7]*$/.test(digits)) throw new Error(`unreadable tar size field ${JSON.stringify(digits)}`);
  return digits ? parseInt(digits, 8) : 0;
}

/** `<length> <key>=<value>\n` records; the length counts the whole record, in bytes. */
function paxRecords(body: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  for (let at = 0; at < body.length; ) {
    const space = body.indexOf(0x20, at);
    const length = Number(body.toString("latin1", at, space));
    if (space === -1 || !Number.isInteger(length) || length <= 0) throw new Error("malformed pax header in tar archive");
    const record = body.toString("utf8", space + 1, at + length - 1);
    const equals = record.indexOf("=");
    records[record.slice(0, equals)] = record.slice(equals + 1);
    at += length;
  }
  return records;
}
