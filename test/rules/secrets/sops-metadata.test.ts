import { describe, expect, it } from "vitest";
import { isEncryptedValue, sopsEncrypts, type SopsMetadata } from "../../../src/rules/secrets/sops-metadata.js";

const rules = (set: Partial<SopsMetadata>): SopsMetadata => ({
  mac: "ENC[…]",
  encryptedRegex: null,
  unencryptedRegex: null,
  encryptedSuffix: null,
  unencryptedSuffix: null,
  ...set,
});

describe("sopsEncrypts: which values SOPS encrypts, replayed from its Encrypt walk", () => {
  it.each([
    ["no rules: SOPS's default _unencrypted suffix", {}, ["data", "password"], true],
    ["no rules: a key with the default suffix", {}, ["stringData", "note_unencrypted"], false],
    ["encrypted_regex matches an ancestor key", { encryptedRegex: "^(data|stringData)$" }, ["data", "password"], true],
    ["encrypted_regex matches nothing on the path", { encryptedRegex: "^(data|stringData)$" }, ["metadata", "name"], false],
    ["encrypted_regex is unanchored, like Go's regexp.Match", { encryptedRegex: "pass" }, ["stringData", "db-password"], true],
    ["encrypted_regex with RE2's (?i) flag", { encryptedRegex: "(?i)^PASSWORD$" }, ["stringData", "password"], true],
    ["an encrypted_regex JavaScript cannot compile demands encryption", { encryptedRegex: "^(?P<x>data)$" }, ["data", "x"], true],
    ["unencrypted_regex exempts a key and everything under it", { unencryptedRegex: "^(apiVersion|metadata|kind|type)$" }, ["metadata", "name"], false],
    ["unencrypted_regex leaves the rest encrypted", { unencryptedRegex: "^(apiVersion|metadata|kind|type)$" }, ["data", "token"], true],
    ["unencrypted_suffix set explicitly", { unencryptedSuffix: "_plain" }, ["stringData", "user_plain"], false],
    ["encrypted_suffix encrypts only the keys ending with it", { encryptedSuffix: "_secret" }, ["stringData", "user"], false],
    ["encrypted_suffix on the key itself", { encryptedSuffix: "_secret" }, ["stringData", "token_secret"], true],
  ] as const)("%s", (_, set, path, expected) => {
    expect(sopsEncrypts(rules(set), path)).toBe(expected);
  });
});

describe("isEncryptedValue", () => {
  it("accepts what `sops -e` writes, and nothing that merely starts like it", () => {
    expect(isEncryptedValue("ENC[AES256_GCM,data:Tr8zGx0+9A==,iv:q1W2e3R4t5Y6u7I8o9P0aA==,tag:Zx9Yw8Vu7Ts6Rq5Po4Nm3g==,type:str]")).toBe(true);
    expect(isEncryptedValue("ENC[AES256_GCM,data:,iv:q1W2e3R4t5Y6u7I8o9P0aA==,tag:Zx9Yw8Vu7Ts6Rq5Po4Nm3g==,type:str]")).toBe(true);
    expect(isEncryptedValue("ENC[hunter2]")).toBe(false);
    expect(isEncryptedValue("ENC[AES256_GCM,data:hunter 2,iv:x,tag:y,type:str]")).toBe(false);
    expect(isEncryptedValue("hunter2 ENC[AES256_GCM,data:Tr8z,iv:q1W2,tag:Zx9Y,type:str]")).toBe(false);
  });
});
