import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { AuditFilter, AuditStore } from "../audit/audit-store.js";
import { canonicalJson } from "../audit/canonical-json.js";
import { formatAuditLine } from "../audit/format-audit-line.js";
import { auditTargetOf, openAuditStore, type AuditTarget } from "../audit/open-audit-store.js";
import { UsageError, type CliIO } from "./cli-io.js";

/** `flux-warden audit --help`. */
export const AUDIT_USAGE = `Usage: flux-warden audit list   [filters] [--format text|jsonl]
       flux-warden audit show   ID
       flux-warden audit export [filters] [--format jsonl]
       flux-warden audit verify
       flux-warden audit prune  --older-than-days N

Store:   --db PATH (SQLite file) | --database-url URL [--schema NAME]
         default: $DATABASE_URL, else $DATA_DIR/audit.db (DATA_DIR defaults to ./.data)
Filters: --repository OWNER/NAME  --sha SHA (base, head or any commit; a prefix is enough)
         --conclusion success|failure  --rule ID (or a family: 'rbac/*')
         --since ISO-8601  --until ISO-8601  --limit N (list only; default 100)

list prints newest first; export streams every matching record oldest first, one JSON object a line
(canonical JSON with its hash, so a SIEM can re-verify it). verify recomputes the hash chain.
prune deletes records older than N days and leaves a checkpoint; nothing else ever deletes.

Exit status: 0 ok (verify: chain intact), 1 verify: chain broken (the first bad record is named), 2 error.`;

const OPTIONS = {
  db: { type: "string" },
  "database-url": { type: "string" },
  schema: { type: "string" },
  repository: { type: "string" },
  sha: { type: "string" },
  conclusion: { type: "string" },
  rule: { type: "string" },
  since: { type: "string" },
  until: { type: "string" },
  limit: { type: "string" },
  format: { type: "string" },
  "older-than-days": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** `flux-warden audit …`: returns the exit status; bad usage prints this command's usage (exit 2). */
export async function auditCommand(argv: string[], io: CliIO): Promise<number> {
  try {
    return await runAudit(argv, io);
  } catch (error) {
    const usage = error instanceof UsageError || String((error as { code?: unknown })?.code ?? "").startsWith("ERR_PARSE_ARGS");
    if (!usage) throw error;
    io.stderr.write(`flux-warden audit: ${(error as Error).message}\n\n${AUDIT_USAGE}\n`);
    return 2;
  }
}

async function runAudit(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  const [sub, ...rest] = positionals;
  if (values.help || sub === undefined || sub === "help") {
    io.stdout.write(`${AUDIT_USAGE}\n`);
    return sub === undefined && !values.help ? 2 : 0;
  }
  if (!["list", "show", "export", "verify", "prune"].includes(sub)) throw new UsageError(`unknown audit command "${sub}"`);
  if (sub !== "show" && rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const format = values.format ?? (sub === "export" ? "jsonl" : "text");
  if (!(sub === "export" ? ["jsonl"] : ["text", "jsonl"]).includes(format)) throw new UsageError(`--format ${format} is not supported by audit ${sub}`);
  const filter = parseFilter(values);

  const store = await openAuditStore(storageTarget(values, io), { mustExist: true });
  try {
    switch (sub) {
      case "list": {
        for (const record of await store.list(filter)) await writeLine(io, format === "jsonl" ? canonicalJson(record) : formatAuditLine(record));
        return 0;
      }
      case "show":
        return await show(store, rest, io);
      case "export": {
        for await (const record of store.export(filter)) await writeLine(io, canonicalJson(record));
        return 0;
      }
      case "verify": {
        const report = await store.verify();
        if (!report.intact) {
          io.stdout.write(`audit chain BROKEN at record #${report.seq} (${report.problem}): ${report.message}\n`);
          return 1;
        }
        const range = report.records ? `records #${report.first}–#${report.last}` : "no records";
        const from = report.checkpoint ? ` after checkpoint #${report.checkpoint.seq} (pruned ${report.checkpoint.prunedAt})` : "";
        io.stdout.write(`audit chain intact: ${report.records} records (${range})${from}\n`);
        return 0;
      }
      default: {
        const days = positiveInt(values["older-than-days"], "--older-than-days");
        if (days === undefined) throw new UsageError("audit prune needs --older-than-days N: pruning is never implicit");
        const result = await store.prune(new Date(io.now().getTime() - days * 86_400_000));
        io.stdout.write(
          result.checkpoint
            ? `pruned ${result.pruned} records up to #${result.checkpoint.seq} (older than ${result.checkpoint.cutoff}); checkpoint hash ${result.checkpoint.hash}\n`
            : `nothing older than ${days} days: no records pruned\n`,
        );
        return 0;
      }
    }
  } finally {
    await store.close();
  }
}

async function show(store: AuditStore, args: string[], io: CliIO): Promise<number> {
  if (args.length !== 1) throw new UsageError("audit show takes one record id (its sequence number, as `audit list` prints it)");
  const seq = positiveInt(args[0]!.replace(/^#/, ""), "record id")!;
  const record = await store.get(seq);
  if (!record) {
    io.stderr.write(`flux-warden: no audit record #${seq}\n`);
    return 2;
  }
  io.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
  return 0;
}

function storageTarget(values: { db?: string; "database-url"?: string; schema?: string }, io: CliIO): AuditTarget {
  if (values.db && values["database-url"]) throw new UsageError("give either --db or --database-url, not both");
  const url = values["database-url"] ?? (values.db ? undefined : io.env.DATABASE_URL);
  if (url) return { kind: "postgres", url, schema: values.schema ?? io.env.DATABASE_SCHEMA ?? "flux_warden" };
  if (values.db) return { kind: "sqlite", path: resolve(io.cwd, values.db) };
  return auditTargetOf({ kind: "sqlite", dataDir: resolve(io.cwd, io.env.DATA_DIR || ".data") });
}

function parseFilter(values: Record<string, string | boolean | undefined>): AuditFilter {
  const filter: AuditFilter = {};
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  if (text("repository")) filter.repository = text("repository")!;
  if (text("sha")) {
    if (!/^[0-9a-f]{4,64}$/i.test(text("sha")!)) throw new UsageError("--sha must be 4 to 64 hex digits");
    filter.sha = text("sha")!;
  }
  const conclusion = text("conclusion");
  if (conclusion) {
    if (conclusion !== "success" && conclusion !== "failure") throw new UsageError("--conclusion must be success or failure");
    filter.conclusion = conclusion;
  }
  if (text("rule")) filter.rule = text("rule")!;
  for (const name of ["since", "until"] as const) {
    const raw = text(name);
    if (raw === undefined) continue;
    const date = new Date(raw);
    if (Number.isNaN(date.getTime())) throw new UsageError(`--${name} must be an ISO 8601 date or time, got "${raw}"`);
    filter[name] = date;
  }
  const limit = positiveInt(text("limit"), "--limit");
  if (limit !== undefined) filter.limit = limit;
  return filter;
}

function positiveInt(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(raw)) throw new UsageError(`${name} must be a positive integer, got "${raw}"`);
  return Number(raw);
}

/** Writes one line, waiting for the stream to drain when it asks to: an export of millions of records stays flat. */
async function writeLine(io: CliIO, line: string): Promise<void> {
  const ok = io.stdout.write(`${line}\n`);
  const stream = io.stdout as { once?: (event: string, listener: () => void) => unknown };
  if (ok === false && typeof stream.once === "function") await new Promise<void>((done) => stream.once!("drain", done));
}
