import { isRecord } from "../../manifests/read-value.js";

/** Array indexes a pointer may create: a patch addressing element 10,000,000 is not allowed to allocate for it. */
const MAX_INDEX = 1_000;

/**
 * Sets `value` at JSON Pointer `pointer` (RFC 6901) in `root`, creating missing mappings and sequences on the way,
 * and returns the concrete path it wrote to (`-` resolved to the index it appended at), or null when the pointer
 * cannot be followed. Used to rebuild the fields a JSON 6902 patch adds as a partial object.
 */
export function setPointer(root: Record<string, unknown>, pointer: string, value: unknown): Array<string | number> | null {
  if (!pointer.startsWith("/")) return null;
  const parts = pointer.slice(1).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  // Keys that would reach Object.prototype are refused rather than written.
  if (parts.some((p) => p === "__proto__" || p === "constructor" || p === "prototype")) return null;
  const concrete: Array<string | number> = [];
  let node: unknown = root;
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    const fresh = () => (/^(?:\d+|-)$/.test(parts[i + 1] ?? "") ? [] : {});
    if (Array.isArray(node)) {
      const index = part === "-" ? node.length : Number(part);
      if (!Number.isInteger(index) || index < 0 || index > MAX_INDEX) return null;
      concrete.push(index);
      if (last) node[index] = value;
      else node = node[index] = isRecord(node[index]) || Array.isArray(node[index]) ? node[index] : fresh();
    } else if (isRecord(node)) {
      concrete.push(part);
      if (last) node[part] = value;
      else node = node[part] = isRecord(node[part]) || Array.isArray(node[part]) ? node[part] : fresh();
    } else {
      return null;
    }
  }
  return concrete;
}
