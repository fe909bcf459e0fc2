import type { ImageReference } from "./image-reference.js";

/** The normalised name, with the spelling the manifest used when that differs: `docker.io/library/nginx (written nginx)`. */
export const writtenImage = (reference: ImageReference) => (reference.raw === reference.name ? reference.name : `${reference.name} (written ${reference.raw})`);

/** A clause for a reference holding a Flux postBuild variable, whose registry is only known at build time. */
export const substitutedImage = (reference: ImageReference) =>
  reference.raw.includes("${") ? "; it contains a Flux postBuild variable, so its registry is decided at build time" : "";

/** How rule descriptions explain the registry comparison. */
export const NORMALISED =
  "Names are normalised as the container runtime resolves them before the comparison: `nginx` is `docker.io/library/nginx`, `bitnami/redis` is `docker.io/bitnami/redis`, `index.docker.io` is `docker.io`; a prefix matches at a path boundary only (`ghcr.io/example` does not approve `ghcr.io/example-evil/…`).";
