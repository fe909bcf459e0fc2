/**
 * `npm run bench` — every measurement of docs/benchmarks.md, which it rewrites.
 * `npm run bench -- --quick` — the same measurements at CI size (well under three minutes), printed; the last line is
 * `RESULT verify_ratio_vs_gnupg=… api_requests_250x300=… typical_pr_p50_ms=… burst_ack_p99_ms=… rss_3000_files_mb=…`.
 * `--write` makes a quick run write docs/benchmarks.md too; `--render FILE` rewrites it from a run's saved results.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { runApiCostBench } from "./api-cost.js";
import { runBurst, runEndToEnd } from "./end-to-end.js";
import { runEngineBench } from "./engine-big-changes.js";
import { buildFleet, type PrSpec } from "./fixtures/fleet.js";
import { ROOT } from "./lib/child.js";
import { describeMachine } from "./lib/machine.js";
import { renderReport, resultLine, type BenchResults } from "./report.js";
import { runScaleOut } from "./scale-out.js";
import { runSignatureBench } from "./signatures-vs-gnupg.js";
import { round } from "./lib/stats.js";

const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
// 300 + 60 commits in quick runs: fixed costs (a git process, the keyring) weigh less than at 150 + 30.
const write = !quick || argv.includes("--write");
/** `--render FILE`: rewrite docs/benchmarks.md from a run's saved results, measuring nothing. */
const renderFrom = argv.includes("--render") ? argv[argv.indexOf("--render") + 1] : undefined;
/** Every run's raw results, for `--render`. */
const SAVED = join(tmpdir(), "flux-warden-bench-results.json");

const SIZE = quick
  ? { gpg: 300, ssh: 60, sigRuns: 3, range: { commits: 1000, files: 500 }, engineRuns: 1, engineGithub: false, latencyPrs: 10, throttlePrs: 3, burstHeads: 24, deliveries: 1000 }
  : { gpg: 1000, ssh: 200, sigRuns: 5, range: { commits: 5000, files: 2000 }, engineRuns: 3, engineGithub: true, latencyPrs: 40, throttlePrs: 8, burstHeads: 200, deliveries: 1000 };
const MANIFESTS = 3250;
const INSTALLATIONS = 10;
const BURST_RATE = 200;
/** Typical pull requests: commits / files, cycled. */
const TYPICAL: Array<[number, number]> = [[1, 3], [2, 5], [5, 12], [10, 25], [20, 50]];

const started = Date.now();
const log = (line: string): void => void process.stdout.write(`[${round((Date.now() - started) / 1000, 1)}s] ${line}\n`);

/** The app runs from lib/: rebuild it when any source file is newer. */
function ensureBuilt(): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, e) => Math.max(max, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
  let built = 0;
  try {
    built = statSync(join(ROOT, "lib/app/start.js")).mtimeMs;
  } catch {
    // not built yet
  }
  if (built < newest(join(ROOT, "src"))) {
    log("building lib/ (npm run build)");
    execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  }
}

async function main(): Promise<void> {
  ensureBuilt();
  const machine = describeMachine();
  log(`${quick ? "quick" : "full"} run on ${machine.nproc} × ${machine.cpu}, Node ${machine.node}, load ${machine.loadavg.join(" ")}`);

  const signatures = await runSignatureBench({ gpgCommits: SIZE.gpg, sshCommits: SIZE.ssh, runs: SIZE.sigRuns }, log);

  const big: PrSpec[] = [
    { name: "warmup", commits: 1, files: 1, offset: MANIFESTS - 1 },
    { name: "pr-1x3", commits: 1, files: 3 },
    { name: "pr-20x50", commits: 20, files: 50 },
    { name: "pr-250x300", commits: 250, files: 300 },
    { name: "pr-250x3000", commits: 250, files: 3000 },
    { name: "range", commits: SIZE.range.commits, files: SIZE.range.files },
  ];
  const fleet = buildFleet({ manifests: MANIFESTS, prs: big });
  log(`fleet of ${MANIFESTS} manifests with ${big.length} branches built`);
  let results: Omit<BenchResults, "endToEnd" | "scaleOut" | "durationMs" | "loadAfter">;
  try {
    const engine = await runEngineBench(
      fleet,
      { manifests: MANIFESTS, pr: { branch: "pr-250x3000", commits: 250, files: 3000 }, range: { branch: "range", ...SIZE.range }, runs: SIZE.engineRuns, github: SIZE.engineGithub },
      log,
    );
    const api = await runApiCostBench(
      fleet,
      MANIFESTS,
      [
        { branch: "pr-1x3", commits: 1, files: 3 },
        { branch: "pr-20x50", commits: 20, files: 50 },
        { branch: "pr-250x300", commits: 250, files: 300 },
        { branch: "pr-250x3000", commits: 250, files: 3000 },
      ],
      "warmup",
      log,
    );
    // Full runs also measure the deployment lever for memory: a smaller young generation (NODE_OPTIONS).
    const semiSpace = quick
      ? undefined
      : (await runApiCostBench(fleet, MANIFESTS, [{ branch: "pr-250x3000", commits: 250, files: 3000 }], "warmup", log, { NODE_OPTIONS: "--max-semi-space-size=4" })).peakRssMb;
    if (semiSpace !== undefined) log(`api cost: with NODE_OPTIONS=--max-semi-space-size=4 the app peaks at ${Math.round(semiSpace)} MB`);
    results = { semiSpacePeakRssMb: semiSpace, command: `npm run bench${quick ? " -- --quick" : ""}`, mode: quick ? "quick" : "full", startedAt: new Date(started), machine, signatures, engine, api };
  } finally {
    fleet.dispose();
  }

  // A fleet of typical size for the server runs: 1,000 manifests, one branch per pull request.
  const prs: PrSpec[] = [];
  const branches = (prefix: string, n: number): string[] =>
    Array.from({ length: n }, (_, i) => {
      const [commits, files] = TYPICAL[i % TYPICAL.length]!;
      prs.push({ name: `${prefix}-${i}`, commits, files, offset: (i * 53) % 950 });
      return `${prefix}-${i}`;
    });
  const latency0 = branches("lat0", INSTALLATIONS + SIZE.latencyPrs);
  const latency50 = branches("lat50", SIZE.latencyPrs);
  const throttle = branches("thr", 2 * SIZE.throttlePrs);
  const burst = branches("burst", SIZE.burstHeads);
  const typicalFleet = buildFleet({ manifests: 1000, prs });
  log(`fleet of 1000 manifests with ${prs.length} pull request branches built`);
  try {
    const endToEnd = await runEndToEnd(
      typicalFleet,
      { latencyBranches: [latency0, latency50], throttleBranches: throttle, burstBranches: burst, burstDeliveries: SIZE.deliveries, burstPerSecond: BURST_RATE, installations: INSTALLATIONS },
      `${TYPICAL.map(([c, f]) => `${c}/${f}`).join(", ")} commits/files, in turn`,
      log,
    );
    // Full runs also show the throughput lever: CONCURRENCY (evaluations mostly wait for the write slot).
    if (!quick) {
      endToEnd.burstConcurrency16 = await runBurst(
        typicalFleet,
        { branches: burst, deliveries: SIZE.deliveries, perSecond: BURST_RATE, installations: INSTALLATIONS, replicas: 1, env: { CONCURRENCY: "16" } },
        log,
      );
    }
    const scaleOut = await runScaleOut(typicalFleet, { branches: burst, deliveries: SIZE.deliveries, perSecond: BURST_RATE, installations: INSTALLATIONS, replicas: [1, 2, 4] }, log);
    const all: BenchResults = { ...results, endToEnd, scaleOut, durationMs: Date.now() - started, loadAfter: loadavg().map((x) => Math.round(x * 100) / 100) };
    writeFileSync(SAVED, JSON.stringify(all));
    log(`raw results saved to ${SAVED} (npm run bench -- --render ${SAVED})`);
    if (write) {
      writeFileSync(join(ROOT, "docs/benchmarks.md"), renderReport(all));
      log("docs/benchmarks.md written");
    }
    log(`done in ${round((Date.now() - started) / 1000)} s`);
    process.stdout.write(`${resultLine(all)}\n`);
  } finally {
    typicalFleet.dispose();
  }
}

function render(file: string): void {
  const saved = JSON.parse(readFileSync(file, "utf8")) as BenchResults;
  writeFileSync(join(ROOT, "docs/benchmarks.md"), renderReport({ ...saved, startedAt: new Date(saved.startedAt) }));
  process.stdout.write(`docs/benchmarks.md rewritten from ${file}\n${resultLine(saved)}\n`);
}

(renderFrom ? Promise.resolve(render(renderFrom)) : main()).catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
