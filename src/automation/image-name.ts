/** An image reference split the way the container runtime resolves it, with Docker Hub's names made canonical. */
export interface ImageName {
  /** `registry/repository`, e.g. `docker.io/library/nginx`, `registry.example.com/payments-api`. */
  name: string;
  tag: string | null;
  digest: string | null;
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[A-Za-z0-9=_-]{32,}$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]+)?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOCKER_HUB = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

/** True for a valid tag (what a `:tag` setter may write). */
export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

/**
 * Parses an image reference with the distribution grammar. The first path component is a registry when it has a `.`
 * or `:` or is `localhost` (go-containerregistry's rule, which Flux's controllers use); otherwise the image is on
 * Docker Hub, where a one-component name lives under `library/`. Null for anything the grammar refuses.
 */
export function parseImageName(text: string): ImageName | null {
  if (text === "" || text.length > 512 || /\s/.test(text)) return null;
  const at = text.indexOf("@");
  const digest = at === -1 ? null : text.slice(at + 1);
  if (digest !== null && !DIGEST.test(digest)) return null;
  let rest = at === -1 ? text : text.slice(0, at);
  let tag: string | null = null;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    if (!TAG.test(tag)) return null;
    rest = rest.slice(0, colon);
  }
  const parts = rest.split("/");
  const first = parts[0]!;
  const hasRegistry = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  let registry = hasRegistry ? first.toLowerCase() : "docker.io";
  if (hasRegistry && !HOST.test(first)) return null;
  if (DOCKER_HUB.has(registry)) registry = "docker.io";
  const path = hasRegistry ? parts.slice(1) : parts;
  if (path.length === 0 || !path.every((p) => PATH_COMPONENT.test(p))) return null;
  if (registry === "docker.io" && path.length === 1) path.unshift("library");
  return { name: `${registry}/${path.join("/")}`, tag, digest };
}
