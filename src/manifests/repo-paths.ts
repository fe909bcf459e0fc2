/** The directory of a repository path (`""` for the root). */
export function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/**
 * Resolves `relative` against the repository directory `from` the way kustomize and Flux read paths: `./` and `.`
 * dropped, `..` climbing. Returns null when the result leaves the repository (or `relative` is absolute), which
 * callers report as an escape rather than guessing.
 */
export function resolveRepoPath(from: string, relative: string): string | null {
  if (relative.startsWith("/")) return null;
  const parts = from === "" ? [] : from.split("/");
  for (const part of relative.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join("/");
}
