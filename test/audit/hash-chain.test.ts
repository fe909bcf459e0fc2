import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/audit/canonical-json.js";
import { GENESIS_HASH, hashRecord, sealRecord } from "../../src/audit/hash-record.js";
import { entry } from "./audit-fixtures.js";

describe("canonicalJson", () => {
  it("sorts keys at every depth, drops undefined members and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: "x" }], c: undefined } })).toBe('{"a":{"d":[1,{"y":"x","z":null}]},"b":1}');
  });

  it("refuses values JSON cannot carry rather than hashing a lossy form", () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/not representable/);
  });
});

describe("sealRecord", () => {
  it("chains each record to the previous hash and covers seq and prevHash in its own hash", () => {
    const first = sealRecord(entry(1), { seq: 0, hash: GENESIS_HASH });
    const second = sealRecord(entry(2), first);
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(hashRecord(second)).toBe(second.hash);
    expect(hashRecord({ ...second, seq: 3 })).not.toBe(second.hash);
    expect(hashRecord({ ...second, prevHash: GENESIS_HASH })).not.toBe(second.hash);
    expect(second.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
