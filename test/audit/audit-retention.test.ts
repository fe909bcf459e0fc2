import { afterEach, describe, expect, it } from "vitest";
import { entry } from "./audit-fixtures.js";
import { STORES, type StoreHarness } from "./store-harness.js";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

describe.each(STORES)("$name audit retention", ({ make }) => {
  let h: StoreHarness;
  afterEach(async () => h?.cleanup());

  it("deletes nothing until prune is called, however old the records are", async () => {
    h = await make();
    for (let i = 1; i <= 3; i++) await h.store.append(entry(i));
    await h.store.close();
    h.store = await h.open();
    expect((await h.store.list()).length).toBe(3);
  });

  it("prunes the old prefix, leaves a checkpoint, and the chain still verifies and grows", async () => {
    h = await make(() => new Date("2026-02-01T00:00:00Z"));
    const records = [];
    for (let i = 1; i <= 5; i++) records.push(await h.store.append(entry(i)));
    const result = await h.store.prune(at(3));
    expect(result).toMatchObject({ pruned: 2, checkpoint: { seq: 2, hash: records[1]!.hash, prunedCount: 2, prunedAt: "2026-02-01T00:00:00.000Z", cutoff: at(3).toISOString() } });
    expect((await h.store.list()).map((r) => r.seq)).toEqual([5, 4, 3]);
    expect(await h.store.verify()).toMatchObject({ intact: true, records: 3, first: 3, last: 5, checkpoint: { seq: 2 } });
    await h.store.append(entry(6));
    expect(await h.store.verify()).toMatchObject({ intact: true, records: 4, last: 6 });
    // A second prune resumes from the first checkpoint; an empty prune writes none.
    expect(await h.store.prune(at(1))).toEqual({ pruned: 0, checkpoint: null });
    expect(await h.store.prune(at(5))).toMatchObject({ pruned: 2, checkpoint: { seq: 4 } });
    expect(await h.store.verify()).toMatchObject({ intact: true, first: 5, last: 6 });
  });

  it("still catches a record removed just after the checkpoint", async () => {
    h = await make();
    for (let i = 1; i <= 4; i++) await h.store.append(entry(i));
    await h.store.prune(at(3));
    await h.tamper("DELETE FROM T.audit_records WHERE seq = 3");
    expect(await h.store.verify()).toMatchObject({ intact: false, seq: 3, problem: "removed" });
  });

  it("prunes only an unbroken prefix when clocks disagree", async () => {
    h = await make();
    await h.store.append(entry(1));
    await h.store.append(entry(5));
    await h.store.append(entry(2)); // older than its predecessor: a replica with a slow clock
    expect(await h.store.prune(at(3))).toMatchObject({ pruned: 1, checkpoint: { seq: 1 } });
    expect(await h.store.verify()).toMatchObject({ intact: true, first: 2, last: 3 });
  });

  it("refuses to prune a chain that does not verify, so pruning cannot hide tampering", async () => {
    h = await make();
    for (let i = 1; i <= 3; i++) await h.store.append(entry(i));
    await h.tamper("DELETE FROM T.audit_records WHERE seq = 2");
    await expect(h.store.prune(at(10))).rejects.toThrow(/refusing to prune a broken audit chain: record #2 was removed/);
    expect((await h.store.list()).length).toBe(2);
  });
});
