/**
 * Why an image's tag can move, or null when it cannot: `latest`, or no tag at all (which the runtime reads as
 * `latest`). A digest pins any tag; a Flux postBuild variable (`${TAG}`) is filled in at build time.
 */
export function tagMutability(tag: string | null, digest: string | null): string | null {
  if (digest !== null || tag?.includes("${")) return null;
  if (tag === null) return "has no tag (the runtime pulls latest)";
  return tag === "latest" ? "uses the tag latest" : null;
}
