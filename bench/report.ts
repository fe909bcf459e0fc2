import type { ApiCostResult } from "./api-cost.js";
import { renderApiCost } from "./api-cost.js";
import type { EndToEndResult } from "./end-to-end.js";
import { renderEndToEnd } from "./end-to-end.js";
import type { EngineResult } from "./engine-big-changes.js";
import { renderEngine } from "./engine-big-changes.js";
import type { Machine } from "./lib/machine.js";
import { round, thousands } from "./lib/stats.js";
import type { ScaleOutResult } from "./scale-out.js";
import { renderScaleOut } from "./scale-out.js";
import type { SignatureResult } from "./signatures-vs-gnupg.js";
import { renderSignatures } from "./signatures-vs-gnupg.js";

export interface BenchResults {
  command: string;
  mode: "full" | "quick";
  startedAt: Date;
  durationMs: number;
  machine: Machine;
  loadAfter: number[];
  /** Full runs: the app's peak RSS on the 3,000-file PR with NODE_OPTIONS=--max-semi-space-size=4. */
  semiSpacePeakRssMb: number | undefined;
  signatures: SignatureResult;
  engine: EngineResult;
  api: ApiCostResult;
  endToEnd: EndToEndResult;
  scaleOut: ScaleOutResult;
}

/** The five headline figures (the RESULT line), each with its target. */
export function headline(r: BenchResults) {
  const api = r.api.cases.find((c) => c.commits === 250 && c.files === 300);
  const at50 = r.endToEnd.latency.find((l) => l.latencyMs === 50);
  return {
    verify_ratio_vs_gnupg: round(r.signatures.ratio, 1),
    api_requests_250x300: api?.total ?? Number.NaN,
    typical_pr_p50_ms: Math.round(at50?.summary.p50 ?? Number.NaN),
    burst_ack_p99_ms: Math.round(r.endToEnd.burst.ackP99),
    rss_3000_files_mb: Math.round(r.api.peakRssMb),
  };
}

export function resultLine(r: BenchResults): string {
  return `RESULT ${Object.entries(headline(r))
    .map(([k, v]) => `${k}=${v}`)
    .join(" ")}`;
}

export function renderReport(r: BenchResults): string {
  const h = headline(r);
  const m = r.machine;
  const burst = r.endToEnd.burst;
  const scaleOk = r.scaleOut.runs.every((run) => run.account.lost === 0 && run.account.doubled === 0 && run.audit.duplicated === 0 && run.audit.chainOk);
  const mark = (ok: boolean) => (ok ? "✅" : "❌");
  const targets: Array<[string, string, string, boolean]> = [
    ["Signature verification vs `git verify-commit` (GnuPG / ssh-keygen), same commits", `${h.verify_ratio_vs_gnupg}× (${thousands(r.signatures.fluxPerSecond)} vs ${thousands(r.signatures.gnupgPerSecond)} commits/s)`, "≥ 5×", h.verify_ratio_vs_gnupg >= 5],
    ["API requests, 250 commits / 300 files, whole pipeline", `${h.api_requests_250x300} (naive: ${thousands(r.api.cases.find((c) => c.commits === 250 && c.files === 300)?.naiveChangeSet ?? 0)} for the change set alone)`, "≤ 20", h.api_requests_250x300 <= 20],
    ["Typical PR (≤ 20 commits, ≤ 50 files), 50 ms per API request: webhook → completed run, p50", `${thousands(h.typical_pr_p50_ms)} ms`, "< 2 s", h.typical_pr_p50_ms < 2000],
    ["Peak RSS of the app evaluating a 3,000-file PR through GitHubSource", `${h.rss_3000_files_mb} MB`, "< 300 MB", h.rss_3000_files_mb < 300],
    [`Webhook acknowledgement during a burst of ${thousands(burst.deliveries)} deliveries, p99`, `${h.burst_ack_p99_ms} ms`, "< 100 ms", h.burst_ack_p99_ms < 100],
    ["Deliveries lost in the burst (1 replica; 1, 2, 4 replicas on PostgreSQL)", `${burst.lost}; ${r.scaleOut.runs.map((x) => x.account.lost).join(", ")} — none evaluated twice${scaleOk ? "" : " (see section 5)"}`, "none", burst.lost === 0 && scaleOk],
    ["Unrelated installations not serialised behind one another", `${r.endToEnd.throttle.prs} PRs at once: ${round(r.endToEnd.throttle.oneInstallation.totalMs / 1000)} s on one installation, ${round(r.endToEnd.throttle.spread.totalMs / 1000)} s spread`, "not serialised", r.endToEnd.throttle.spread.totalMs < r.endToEnd.throttle.oneInstallation.totalMs],
  ];
  return `# Benchmarks

Written by \`${r.command}\` on ${r.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC (${r.mode} run, ${round(r.durationMs / 60_000, 1)} minutes). Re-run
it to refresh this file; \`npm run bench -- --quick\` runs the same measurements at CI size and prints them (its last
line is machine-readable), \`--quick --write\` writes them here instead.

| machine | |
|---|---|
| CPUs (\`nproc\`) | ${m.nproc} × ${m.cpu} |
| RAM | ${m.ramGb} GB |
| Node.js | ${m.node} |
| git | ${m.git} |
| GnuPG | ${m.gpg} |
| OpenSSH | ${m.ssh} |
| PostgreSQL client | ${m.postgres} |
| load average before / after | ${m.loadavg.join(", ")} / ${r.loadAfter.join(", ")} |

The machine is shared (other work ran on it during the measurements: see the load average): ratios are measured
within one run, side by side, and every figure is a median or a percentile of several samples — never a single run.

## Against the targets

| | measured | target | |
|---|---|---|:-:|
${targets.map(([what, measured, target, ok]) => `| ${what} | ${measured} | ${target} | ${mark(ok)} |`).join("\n")}

\`RESULT\` line of this run: \`${resultLine(r)}\`

${renderSignatures(r.signatures)}
${renderEngine(r.engine, { peakRssMb: r.api.peakRssMb, semiSpacePeakRssMb: r.semiSpacePeakRssMb })}
${renderApiCost(r.api)}
${renderEndToEnd(r.endToEnd)}
${renderScaleOut(r.scaleOut)}
## What the measurements changed in \`src/\`

- **Signatures verified a few at a time** (\`src/engine/verify-commits.ts\`): OpenPGP.js verifies through WebCrypto,
  whose jobs hop to libuv's thread pool; verified one after the other, a commit's verification is mostly waiting
  (the CPU profile of section 1 was two-thirds idle). Eight at once, verdicts still in commit order: about twice the
  commits per second on this machine.
- **The base's archive before its policy and keys** (\`src/trust/load-trust.ts\`): the repository index reads every
  manifest of the base — through the API, the base's tarball — so it now runs first, and the policy and the key files
  come out of that archive instead of three \`git/blobs\` requests before it: 15 → 12 requests for the 250/300 pull
  request, 13 → 10 for 1/3, 30 → 27 for 20/50.
- **Replicas that start together all start** (\`src/queue/pg-boss-job-queue.ts\`): found by section 5. Four replicas
  started at once on a fresh database: PostgreSQL aborted pg-boss's \`create_queue\` in one of them with "deadlock
  detected" (2 of 8 cold starts) and that replica exited. Queue setup now runs under a session advisory lock, one
  replica at a time (0 of 8 since; \`test/queue/pg-boss-job-queue.test.ts\` starts four at once).
- **GitHub answers parsed with \`JSON.parse\`** (\`src/sources/github/github-api.ts\`): Octokit 10 parses every JSON
  body with json-with-bigint, which on Node 20 rewrites the text with a regular expression and revives every value
  — about 11× the cost of \`JSON.parse\` (a 3,300-entry tree listing: 14 ms against 1.3 ms), on the event loop. It was
  the app's largest CPU cost in the burst (about a third of its busy time). The source now asks Octokit for the body
  unparsed and parses it natively (GraphQL answers still go through Octokit).

## Reproducing

\`\`\`sh
npm ci && npm run build                 # the app is started from lib/
npm run bench                           # full: about ${Math.max(1, Math.round(r.durationMs / 60_000))} minutes here, writes docs/benchmarks.md
npm run bench -- --quick                # CI-sized, prints the figures; --write to write this file
npm run bench -- --render FILE          # rewrite this file from a run's saved figures (every run saves them)
\`\`\`

Needs \`git\`, \`gpg\`, \`ssh-keygen\` and a PostgreSQL the bench may create and drop schemas in
(\`BENCH_DATABASE_URL\`, default \`postgres://postgres@127.0.0.1:5432/test\`). Fixtures are built fresh in the temp
directory on every run (fast-import, one pack of signed commits) and removed afterwards.
`;
}
