import { afterEach, describe, expect, it } from "vitest";
import type { AuditRecord } from "../../src/audit/audit-record.js";
import { entry } from "./audit-fixtures.js";
import { STORES, type StoreHarness } from "./store-harness.js";

const finding = (rule: string, exception: { rule: string; reason: string } | null = null) => ({
  rule,
  severity: "high" as const,
  blocking: exception === null,
  message: `${rule} fired`,
  path: "clusters/prod/app.yaml",
  line: 3,
  commit: null,
  object: null,
  exception,
});

describe.each(STORES)("$name audit queries", ({ make }) => {
  let h: StoreHarness;
  afterEach(async () => h?.cleanup());

  async function seed(): Promise<AuditRecord[]> {
    return [
      await h.store.append(entry(1)),
      await h.store.append(entry(2, { repository: "Acme/Other", conclusion: "failure", findings: [finding("rbac/cluster-admin-binding")] })),
      await h.store.append(entry(3, { findings: [finding("image/unapproved-registry", { rule: "image/*", reason: "mirror" })] })),
      await h.store.append(entry(4, { conclusion: "failure", findings: [finding("rbac/wildcard-verbs"), finding("branch/force-push")] })),
    ];
  }
  const seqs = (records: AuditRecord[]) => records.map((r) => r.seq);

  it("filters by repository (case-insensitive), conclusion, rule id and rule family", async () => {
    h = await make();
    await seed();
    expect(seqs(await h.store.list({ repository: "acme/other" }))).toEqual([2]);
    expect(seqs(await h.store.list({ conclusion: "failure" }))).toEqual([4, 2]);
    expect(seqs(await h.store.list({ rule: "rbac/*" }))).toEqual([4, 2]);
    expect(seqs(await h.store.list({ rule: "branch/force-push" }))).toEqual([4]);
    expect(seqs(await h.store.list({ rule: "rbac" }))).toEqual([]);
    expect(seqs(await h.store.list({ repository: "acme/fleet", conclusion: "failure" }))).toEqual([4]);
    expect(seqs(await h.store.list({ limit: 1 }))).toEqual([4]);
  });

  it("filters by a sha prefix of the base, the head or any evaluated commit", async () => {
    h = await make();
    const records = await seed();
    const r3 = records[2]!;
    expect(seqs(await h.store.list({ sha: r3.head }))).toEqual([3]);
    expect(seqs(await h.store.list({ sha: r3.base.slice(0, 40) }))).toEqual([3]);
    expect(seqs(await h.store.list({ sha: r3.commits[0]!.sha.toUpperCase() }))).toEqual([3]);
    expect(seqs(await h.store.list({ sha: "bbbbbbb" })).sort()).toEqual([1, 2, 3, 4]);
    expect(seqs(await h.store.list({ sha: "%" }))).toEqual([]);
  });

  it("filters by time range, inclusive", async () => {
    h = await make();
    const records = await seed();
    const since = new Date(records[1]!.time);
    const until = new Date(records[2]!.time);
    expect(seqs(await h.store.list({ since, until }))).toEqual([3, 2]);
    expect(seqs(await h.store.list({ since: new Date(records[3]!.time) }))).toEqual([4]);
  });

  it("keeps each applied exception with its reason", async () => {
    h = await make();
    await seed();
    const [record] = await h.store.list({ rule: "image/*" });
    expect(record!.findings[0]).toMatchObject({ blocking: false, exception: { rule: "image/*", reason: "mirror" } });
  });

  it("exports oldest first, with filters, across pages", async () => {
    h = await make();
    for (let i = 1; i <= 1_203; i++) await h.store.append(entry(i % 50, { jobId: null, conclusion: i % 3 ? "success" : "failure" }));
    const all: number[] = [];
    for await (const r of h.store.export()) all.push(r.seq);
    expect(all).toEqual(Array.from({ length: 1_203 }, (_, i) => i + 1));
    let failures = 0;
    for await (const r of h.store.export({ conclusion: "failure" })) {
      expect(r.seq % 3).toBe(0);
      failures++;
    }
    expect(failures).toBe(401);
  });
});
