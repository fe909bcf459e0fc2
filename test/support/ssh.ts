import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** An SSH key made by the real `ssh-keygen`. */
export interface SshKey {
  /** Private key file: what `git -c user.signingkey=` takes with `gpg.format=ssh`. */
  privatePath: string;
  /** The authorized_keys line (`ssh-ed25519 AAAA… comment`), as it goes into a Flux `.sshpub` entry. */
  publicLine: string;
  /** `SHA256:…` as `ssh-keygen -lf` prints it (and Flux reports it). */
  fingerprint: string;
}

export type SshKeyType = "ed25519" | "ecdsa" | "rsa";

export function generateSshKey(dir: string, name: string, type: SshKeyType = "ed25519", comment = `${name}@test`): SshKey {
  const privatePath = join(dir, name);
  const bits = type === "rsa" ? ["-b", "3072"] : type === "ecdsa" ? ["-b", "256"] : [];
  execFileSync("ssh-keygen", ["-q", "-t", type, ...bits, "-N", "", "-C", comment, "-f", privatePath], { stdio: "ignore" });
  const publicLine = readFileSync(`${privatePath}.pub`, "utf8").trim();
  const fingerprint = execFileSync("ssh-keygen", ["-lf", `${privatePath}.pub`], { encoding: "utf8" }).split(" ")[1] ?? "";
  return { privatePath, publicLine, fingerprint };
}
