import { describe, expect, it } from "vitest";
import { isPublicKeyMaterial } from "../../../src/rules/secrets/is-public-key-material.js";

const PGP_PUBLIC = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmDMEawttFhYJKwYBBAHaRw8BAQdA8I2rRx6XJtZd8LIDXztdTLPR/XC45n77UpJs\n=g1PP\n-----END PGP PUBLIC KEY BLOCK-----\n";
const SSH = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGj7C+sxJnOmfhb7BsD2hdtSsZRnj/7tU6kMQFzC1Umm bob@example.com";

describe("isPublicKeyMaterial: what Flux's verification Secret holds is not a secret", () => {
  it.each([
    ["an armored OpenPGP public key", PGP_PUBLIC],
    ["several armored keys, as `gpg --export --armour a b` writes them", `${PGP_PUBLIC}${PGP_PUBLIC}`],
    ["an SSH public key line (a *.sshpub entry)", `${SSH}\n`],
    ["authorized_keys lines with options and comments", `# ops\n${SSH}\nno-port-forwarding ${SSH}\n`],
    ["a known_hosts line", "github.com ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY= \n"],
    ["a CA certificate", "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n"],
    ["a PEM public key (cosign.pub)", "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"],
  ])("%s is public", (_, text) => {
    expect(isPublicKeyMaterial(text)).toBe(true);
  });

  it.each([
    ["a password", "hunter2"],
    ["an empty value", ""],
    ["an armored OpenPGP private key", PGP_PUBLIC.replaceAll("PUBLIC", "PRIVATE")],
    ["an OpenSSH private key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"],
    ["a public key with a token appended", `${PGP_PUBLIC}token=abc123\n`],
    ["a line that only mentions a key type", "ssh-ed25519 is the key type we use"],
  ])("%s is not", (_, text) => {
    expect(isPublicKeyMaterial(text)).toBe(false);
  });
});
