import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { AuditRecord } from "../../src/audit/audit-record.js";
import { hashRecord } from "../../src/audit/hash-record.js";
import { runCli } from "../support/run-cli.js";
import { entry } from "./audit-fixtures.js";
import { STORES, type StoreHarness } from "./store-harness.js";

const finding = { rule: "rbac/cluster-admin-binding", severity: "critical" as const, blocking: true, message: "m", path: "a.yaml", line: 1, commit: null, object: null, exception: null };

describe.each(STORES)("flux-warden audit on $name", ({ make }) => {
  let h: StoreHarness;
  afterEach(async () => h?.cleanup());
  const cli = (...args: string[]) => runCli(["audit", ...args, ...h.cliFlags], tmpdir(), { now: new Date("2026-01-03T12:00:00Z") });

  async function seed(): Promise<AuditRecord[]> {
    return [
      await h.store.append(entry(1)),
      await h.store.append(entry(2, { conclusion: "failure", findings: [finding] })),
      await h.store.append(entry(3, { repository: "acme/other", kind: "push", pullRequest: null, forced: true })),
    ];
  }

  it("lists with filters, as text or JSON lines", async () => {
    h = await make();
    const records = await seed();
    const all = await cli("list");
    expect(all).toMatchObject({ code: 0, stderr: "" });
    expect(all.stdout.trim().split("\n").map((l) => l.split("  ")[0])).toEqual(["#3", "#2", "#1"]);
    expect(all.stdout).toContain(`#2  ${records[1]!.time}  failure  acme/fleet  PR #2  ${records[1]!.base.slice(0, 12)}..${records[1]!.head.slice(0, 12)}  1 commit  1 finding (rbac/cluster-admin-binding)`);
    expect(all.stdout).toContain("acme/other  push (forced)");
    const rule = await cli("list", "--rule", "rbac/*", "--format", "jsonl");
    expect(rule.stdout.trim().split("\n").map((l) => JSON.parse(l).seq)).toEqual([2]);
    const bySha = await cli("list", "--sha", records[0]!.head, "--conclusion", "success");
    expect(bySha.stdout.trim().split("\n")).toHaveLength(1);
    expect((await cli("list", "--since", "2026-01-01T00:02:00Z", "--limit", "1")).stdout).toMatch(/^#3 /);
  });

  it("shows one record in full", async () => {
    h = await make();
    const records = await seed();
    const shown = await cli("show", "2");
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toEqual(records[1]);
    expect(await cli("show", "9")).toMatchObject({ code: 2, stderr: "flux-warden: no audit record #9\n" });
  });

  it("exports valid JSON lines, oldest first, each re-verifiable from its own hash", async () => {
    h = await make();
    await seed();
    const out = await cli("export", "--format", "jsonl");
    expect(out.code).toBe(0);
    expect(out.stdout.endsWith("\n")).toBe(true);
    const lines = out.stdout.slice(0, -1).split("\n");
    const parsed = lines.map((l) => JSON.parse(l) as AuditRecord);
    expect(parsed.map((r) => r.seq)).toEqual([1, 2, 3]);
    for (const r of parsed) expect(hashRecord(r)).toBe(r.hash);
    expect(parsed[1]!.prevHash).toBe(parsed[0]!.hash);
    const filtered = await cli("export", "--repository", "ACME/OTHER");
    expect(filtered.stdout.trim().split("\n").map((l) => JSON.parse(l).seq)).toEqual([3]);
  });

  it("verifies: 0 when intact, 1 naming the first tampered record", async () => {
    h = await make();
    await seed();
    expect(await cli("verify")).toEqual({ code: 0, stdout: "audit chain intact: 3 records (records #1–#3)\n", stderr: "" });
    await h.tamper("DELETE FROM T.audit_records WHERE seq = 2");
    const broken = await cli("verify");
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe("audit chain BROKEN at record #2 (removed): record #2 was removed: the sequence jumps from #1 to #3\n");
  });

  it("prunes only when asked, then still verifies", async () => {
    h = await make();
    await seed();
    const pruned = await cli("prune", "--older-than-days", "1");
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toMatch(/^pruned 3 records up to #3 \(older than 2026-01-02T12:00:00.000Z\); checkpoint hash [0-9a-f]{64}\n$/);
    expect((await cli("verify")).stdout).toMatch(/^audit chain intact: 0 records \(no records\) after checkpoint #3/);
    expect(await cli("prune")).toMatchObject({ code: 2 });
  });

  it("exits 2 on bad usage", async () => {
    h = await make();
    expect(await cli("list", "--conclusion", "maybe")).toMatchObject({ code: 2, stderr: expect.stringContaining("--conclusion must be success or failure") });
    expect(await cli("list", "--bogus")).toMatchObject({ code: 2 });
    expect(await cli("frobnicate")).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown audit command") });
  });
});

describe("flux-warden audit without a log", () => {
  it("exits 2 and says where it looked, without creating an empty log", async () => {
    const result = await runCli(["audit", "verify", "--db", join(tmpdir(), "fw-no-such-dir", "audit.db")], tmpdir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no audit log at");
  });
});
