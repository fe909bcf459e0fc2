import { normalizeRegistry } from "./image-reference.js";

/** A `rules.registries` prefix in the form image names are compared in: Docker Hub's host spelled `docker.io`. */
function normalizePrefix(prefix: string): string {
  const slash = prefix.indexOf("/");
  return slash === -1 ? normalizeRegistry(prefix) : `${normalizeRegistry(prefix.slice(0, slash))}${prefix.slice(slash)}`;
}

/**
 * True when the normalised image name (`docker.io/library/nginx`) is under one of the approved prefixes. A prefix
 * only matches at a path boundary: `ghcr.io/example` approves `ghcr.io/example/api` but not `ghcr.io/example-evil/api`,
 * and `ghcr.io` does not approve `ghcr.io.attacker.com/x`.
 */
export function isApprovedName(name: string, prefixes: readonly string[]): boolean {
  return prefixes.some((raw) => {
    const prefix = normalizePrefix(raw.trim());
    if (prefix === "") return false;
    if (prefix.endsWith("/")) return name.startsWith(prefix);
    return name === prefix || name.startsWith(`${prefix}/`);
  });
}

/** True when some approved prefix lies in `registry` (for a registry given alone, such as `global.imageRegistry`). */
export function isApprovedRegistry(registry: string, prefixes: readonly string[]): boolean {
  const host = normalizeRegistry(registry.replace(/\/+$/, ""));
  return prefixes.some((raw) => {
    const prefix = normalizePrefix(raw.trim());
    return prefix === host || prefix.startsWith(`${host}/`);
  });
}
