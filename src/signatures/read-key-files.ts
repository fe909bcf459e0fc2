import { posix } from "node:path";
import { matchesGlob } from "../policy/tenants.js";
import type { TreeReader } from "../sources/change-set.js";
import { MAX_KEY_BYTES } from "./key-limits.js";
import type { KeyEntry, KeyProblem } from "./keyring.js";
import type { CollectedEntries } from "./secret-entries.js";

/**
 * A `{file: glob}` key source: every regular file of the tree matching the glob is one entry, named by its base name
 * (so `*.sshpub` files are authorized_keys, anything else armored OpenPGP). A glob matching nothing is a problem: a
 * typo there would otherwise silently remove keys.
 */
export async function readKeyFiles(tree: TreeReader, glob: string): Promise<CollectedEntries> {
  const matched = (await tree.list()).filter((e) => e.kind === "file" && matchesGlob(e.path, glob));
  if (matched.length === 0) {
    return { entries: [], problems: [{ source: glob, message: `no file in the base tree (${tree.commit.slice(0, 12)}) matches this key file glob` }] };
  }
  const problems: KeyProblem[] = [];
  const wanted = matched.filter((e) => {
    if (e.size <= MAX_KEY_BYTES) return true;
    problems.push({ source: e.path, message: `is ${e.size} bytes, over the 1 MiB limit for key files; not read` });
    return false;
  });
  const contents = await tree.readMany(wanted.map((e) => e.path));
  const entries: KeyEntry[] = [];
  for (const { path } of wanted) {
    const bytes = contents.get(path);
    if (bytes) entries.push({ name: posix.basename(path), source: path, bytes });
    else problems.push({ source: path, message: "is listed in the base tree but could not be read" });
  }
  return { entries, problems };
}
