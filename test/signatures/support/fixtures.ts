import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The Flux maintainers' signature vectors, vendored so a clean clone's CI has them (test keys only). */
export const FLUX_VECTORS = fileURLToPath(new URL("../../../fixtures/flux-vectors/", import.meta.url));
/** Real OpenSSH security-key signatures (see the SOURCE.txt there). */
export const SK_VECTORS = fileURLToPath(new URL("../../../fixtures/sshsig-security-keys/", import.meta.url));

export const GPG_DIR = "pkg-git-signature-testdata/gpg_signatures/";
export const SSH_DIR = "pkg-git-signature-testdata/ssh_signatures/";
export const DSA_DIR = "pkg-inline-stefanprodan-dsa/";
export const SC_DIR = "source-controller-test-fixtures/";

/** Bytes of a Flux vector file, by path relative to the vectors' root. */
export function fluxVector(path: string): Buffer {
  return readFileSync(FLUX_VECTORS + path);
}

/** Text of a Flux vector file. */
export function fluxVectorText(path: string): string {
  return fluxVector(path).toString("utf8");
}
