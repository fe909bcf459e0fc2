import { afterEach, describe, expect, it } from "vitest";
import type { AuditRecord } from "../../src/audit/audit-record.js";
import { entry } from "./audit-fixtures.js";
import { STORES, type StoreHarness } from "./store-harness.js";

describe.each(STORES)("$name audit store", ({ make }) => {
  let h: StoreHarness;
  afterEach(async () => h?.cleanup());

  async function fill(n: number): Promise<AuditRecord[]> {
    const records: AuditRecord[] = [];
    for (let i = 1; i <= n; i++) records.push(await h.store.append(entry(i, { jobId: `job-${i}` })));
    return records;
  }

  it("appends a linear chain that verifies, and a re-run job's append returns the existing record", async () => {
    h = await make();
    const [first, second] = await fill(2);
    expect(first).toMatchObject({ seq: 1, jobId: "job-1" });
    expect(second!.prevHash).toBe(first!.hash);
    const again = await h.store.append(entry(9, { jobId: "job-1" }));
    expect(again).toEqual(first);
    expect((await h.store.list()).map((r) => r.seq)).toEqual([2, 1]);
    expect(await h.store.verify()).toMatchObject({ intact: true, records: 2, first: 1, last: 2 });
    expect(await h.store.get(2)).toEqual(second);
    expect(await h.store.get(3)).toBeNull();
  });

  it("keeps the chain linear under concurrent appends", async () => {
    h = await make();
    const other = await h.open();
    try {
      await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? h.store : other).append(entry(i + 1, { jobId: null }))));
    } finally {
      await other.close();
    }
    expect(await h.store.verify()).toMatchObject({ intact: true, records: 30 });
  });

  it("verifies intact while another connection keeps appending", async () => {
    h = await make();
    await fill(1_100); // three pages, so the scan yields between reads
    const writer = await h.open();
    let writing = true;
    const appends = (async () => {
      for (let i = 0; writing; i++) {
        await writer.append(entry(2_000 + i, { jobId: null }));
        await new Promise((r) => setImmediate(r)); // let the verifier's next page read in between
      }
    })();
    try {
      const report = await h.store.verify();
      writing = false;
      await appends;
      expect(report).toMatchObject({ intact: true });
    } finally {
      writing = false;
      await writer.close();
    }
    expect(await h.store.verify()).toMatchObject({ intact: true });
  });

  it("names a record whose content was edited", async () => {
    h = await make();
    await fill(4);
    await h.tamper("UPDATE T.audit_records SET doc = replace(doc, '\"conclusion\":\"success\"', '\"conclusion\":\"failure\"') WHERE seq = 2");
    expect(await h.store.verify()).toMatchObject({ intact: false, seq: 2, problem: "altered" });
  });

  it("names a record that was edited and re-hashed, because its successor no longer chains to it", async () => {
    h = await make();
    const records = await fill(3);
    const { sealRecord } = await import("../../src/audit/hash-record.js");
    const forged = sealRecord({ ...entry(2), jobId: "job-2", conclusion: "success", findings: [] , durationMs: 1 }, { seq: 1, hash: records[0]!.hash });
    const { canonicalJson } = await import("../../src/audit/canonical-json.js");
    await h.tamper("UPDATE T.audit_records SET doc = ?, hash = ? WHERE seq = 2", [canonicalJson(forged), forged.hash]);
    expect(await h.store.verify()).toMatchObject({ intact: false, seq: 2, problem: "altered" });
  });

  it("names a deleted record, in the middle and at the end", async () => {
    h = await make();
    await fill(4);
    await h.tamper("DELETE FROM T.audit_records WHERE seq = 3");
    expect(await h.store.verify()).toMatchObject({ intact: false, seq: 3, problem: "removed" });
    await h.cleanup();
    h = await make();
    await fill(4);
    await h.tamper("DELETE FROM T.audit_records WHERE seq = 4");
    expect(await h.store.verify()).toMatchObject({ intact: false, seq: 4, problem: "removed" });
  });

  it("names reordered records", async () => {
    h = await make();
    await fill(4);
    await h.tamper("UPDATE T.audit_records SET seq = -2 WHERE seq = 2");
    await h.tamper("UPDATE T.audit_records SET seq = 2 WHERE seq = 3");
    await h.tamper("UPDATE T.audit_records SET seq = 3 WHERE seq = -2");
    expect(await h.store.verify()).toMatchObject({ intact: false, seq: 2, problem: "reordered" });
  });

  it("names an index column changed behind the document's back (list filters must not lie)", async () => {
    h = await make();
    await fill(2);
    await h.tamper("UPDATE T.audit_records SET conclusion = 'failure' WHERE seq = 1");
    expect(await h.store.verify()).toMatchObject({ intact: false, seq: 1, problem: "altered" });
  });
});
