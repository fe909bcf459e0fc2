/** An image reference, normalised the way the container runtime resolves it. */
export interface ImageReference {
  /** As written. */
  raw: string;
  /** Registry host, lower case: `docker.io` for Docker Hub (also written `index.docker.io` or left out). */
  registry: string;
  /** `registry/repository`, with Docker Hub's implicit `library/` for official images: `docker.io/library/nginx`. */
  name: string;
  tag: string | null;
  digest: string | null;
}

const DOCKER_HUB_ALIASES = new Set(["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"]);

/** The canonical host: lower case, Docker Hub's aliases folded into `docker.io`. */
export function normalizeRegistry(host: string): string {
  const lower = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? "docker.io" : lower;
}

/**
 * Parses an image reference with the rules of the Docker reference grammar (what containerd and CRI-O apply): the
 * first path component is a registry only if it has a `.` or `:`, is `localhost`, or has upper case; otherwise the
 * image is on Docker Hub, where a one-component name is an official image under `library/`. So `nginx` is
 * `docker.io/library/nginx` and `bitnami/redis:7` is `docker.io/bitnami/redis`. Null for an empty or spaced string.
 */
export function parseImageReference(raw: string): ImageReference | null {
  const text = raw.trim();
  if (text === "" || /\s/.test(text)) return null;
  const at = text.indexOf("@");
  const digest = at === -1 ? null : text.slice(at + 1) || null;
  let rest = at === -1 ? text : text.slice(0, at);
  const colon = rest.lastIndexOf(":");
  let tag: string | null = null;
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1) || null;
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf("/");
  const first = slash === -1 ? "" : rest.slice(0, slash);
  const hasRegistry = slash !== -1 && (/[.:]/.test(first) || first === "localhost" || first !== first.toLowerCase());
  const registry = hasRegistry ? normalizeRegistry(first) : "docker.io";
  let repository = hasRegistry ? rest.slice(slash + 1) : rest;
  if (registry === "docker.io" && !repository.includes("/")) repository = `library/${repository}`;
  return { raw: text, registry, name: `${registry}/${repository}`, tag, digest };
}

/** The reference a `registry` + `repository` + `tag` + `digest` values shape stands for. */
export function composeImage(parts: { registry: string | null; repository: string; tag: string | null; digest: string | null }): ImageReference | null {
  // A repository that already starts with a registry host (`quay.io/jetstack/…`) is complete on its own.
  const first = parts.repository.split("/")[0] ?? "";
  const complete = parts.repository.includes("/") && (/[.:]/.test(first) || first === "localhost");
  const joined = parts.registry && !complete ? `${parts.registry.replace(/\/+$/, "")}/${parts.repository.replace(/^\/+/, "")}` : parts.repository;
  const reference = parseImageReference(joined);
  if (reference === null) return null;
  return { ...reference, tag: parts.tag ?? reference.tag, digest: parts.digest ?? reference.digest };
}
