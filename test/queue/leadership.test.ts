import { afterEach, describe, expect, it } from "vitest";
import { openLeadership, SOLE_LEADERSHIP, type Leadership } from "../../src/queue/leadership.js";
import { pgExec, pgSchema, TEST_DATABASE_URL } from "../audit/audit-fixtures.js";

describe("leadership among replicas sharing PostgreSQL", () => {
  const opened: Leadership[] = [];
  const open = (schema: string, name = "reconciler") => {
    const leadership = openLeadership({ kind: "postgres", url: TEST_DATABASE_URL, schema }, name);
    opened.push(leadership);
    return leadership;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((l) => l.close()));
  });

  it("lets exactly one replica lead, and keeps it leading", async () => {
    const schema = pgSchema().name;
    const [a, b, c] = [open(schema), open(schema), open(schema)];
    const first = await Promise.all([a.leads(), b.leads(), c.leads()]);
    expect(first.filter(Boolean)).toHaveLength(1);
    const again = await Promise.all([a.leads(), b.leads(), c.leads()]);
    expect(again).toEqual(first);
  });

  it("hands the lead over when the leader closes", async () => {
    const schema = pgSchema().name;
    const [a, b] = [open(schema), open(schema)];
    expect(await a.leads()).toBe(true);
    expect(await b.leads()).toBe(false);
    await a.close();
    expect(await b.leads()).toBe(true);
    expect(await a.leads()).toBe(false);
  });

  it("hands the lead over when the leader's connection dies (a killed replica)", async () => {
    const schema = pgSchema().name;
    const [a, b] = [open(schema), open(schema)];
    expect(await a.leads()).toBe(true);
    // What a kill -9 of the leader looks like to PostgreSQL: its session ends, and the lock with it.
    const { rows } = await pgExec(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)`,
      [`flux-warden:leader:${schema}:reconciler`],
    );
    expect(rows).toEqual([{ killed: true }]);
    expect(await b.leads()).toBe(true);
    expect(await a.leads()).toBe(false);
  });

  it("keeps separate leads for separate schemas and chores", async () => {
    const one = pgSchema().name;
    const two = pgSchema().name;
    expect(await Promise.all([open(one).leads(), open(two).leads(), open(one, "retention").leads()])).toEqual([true, true, true]);
  });

  it("does not lead when PostgreSQL cannot be reached, and says why", async () => {
    const errors: unknown[] = [];
    const leadership = openLeadership({ kind: "postgres", url: "postgres://postgres@127.0.0.1:1/test", schema: "x" }, "reconciler", (e) => errors.push(e));
    expect(await leadership.leads()).toBe(false);
    expect(errors).toHaveLength(1);
    await leadership.close();
  });

  it("always leads on the embedded store, which is one process", async () => {
    expect(await openLeadership({ kind: "sqlite", dataDir: "/nonexistent" }, "reconciler").leads()).toBe(true);
    expect(await SOLE_LEADERSHIP.leads()).toBe(true);
  });
});
