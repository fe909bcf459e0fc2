/**
 * Section 1 — flux-warden's signature verification against `git verify-commit` (GnuPG for OpenPGP, ssh-keygen for
 * SSH) over the same commits of one repository, runs interleaved, medians; and a guard: both must reach the same
 * verdict on every commit.
 */
import { execFile } from "node:child_process";
import { verifyCommits } from "../src/engine/verify-commits.js";
import { parsePolicy } from "../src/policy/load-policy.js";
import { readKeyring } from "../src/signatures/read-keyring.js";
import { gitEnv } from "../src/sources/git/git-context.js";
import { ObjectReader } from "../src/sources/git/object-reader.js";
import { parseCommit } from "../src/sources/git/parse-commit.js";
import { verifySignature } from "../src/signatures/verify-signature.js";
import { buildSignedHistory, type SignedHistory } from "./fixtures/signed-history.js";
import { mapLimit, median, round, thousands, timed } from "./lib/stats.js";

export interface SignatureOptions {
  gpgCommits: number;
  sshCommits: number;
  runs: number;
}

export interface SignatureResult {
  commits: number;
  gpgCommits: number;
  sshCommits: number;
  runs: number;
  keys: string[];
  cases: Record<string, number>;
  buildMs: number;
  fluxMs: number[];
  gnupgMs: number[];
  /** GnuPG time / flux-warden time, per interleaved pair. */
  ratios: number[];
  fluxPerSecond: number;
  gnupgPerSecond: number;
  ratio: number;
  /** flux-warden's time split, median run: reading the objects, parsing the keyring, verifying. */
  fluxSplit: { readMs: number; keyringMs: number; verifyMs: number };
  /** Per signer: flux-warden's median µs per commit (verified alone) and `git verify-commit <one sha>` median ms. */
  bySigner: Array<{ signer: string; commits: number; fluxUs: number; gitOneMs: number }>;
  /** One `git verify-commit` process per commit (how a CI loop over rev-list does it), all commits, 2 at a time. */
  perCommitLoopMs: number;
  agreement: { agreed: number; disagreed: Array<{ sha: string; signer: string; flux: string; git: number }> };
}

const POLICY = parsePolicy("version: 1\n", "bench");

/**
 * flux-warden as the engine does it: the objects read once (one `git cat-file --batch`), the keyring parsed once,
 * then the engine's own `verifyCommits` (which calls `verifySignature` for every commit, a few at a time).
 */
async function fluxWarden(history: SignedHistory, now: Date) {
  const shas = history.commits.map((c) => c.sha);
  const started = performance.now();
  const objects = new ObjectReader({ git: "git", repoDir: history.dir });
  const raws = await Promise.all(shas.map((sha) => objects.read(sha)));
  await objects.close();
  const commits = raws.map((raw, i) => ({ ...parseCommit(shas[i]!, raw!.content!), files: [] }));
  const read = performance.now();
  const keyring = await readKeyring(history.keyEntries);
  const parsed = performance.now();
  const verdicts = await verifyCommits(commits, keyring, POLICY, now);
  const done = performance.now();
  return { ms: done - started, readMs: read - started, keyringMs: parsed - read, verifyMs: done - parsed, reasons: verdicts.map((v) => v.reason), commits, keyring };
}

/** Each commit alone, one after the other: what one commit costs (the per-signer table). */
async function perCommitUs(run: Awaited<ReturnType<typeof fluxWarden>>, now: Date): Promise<number[]> {
  const out: number[] = [];
  for (const commit of run.commits) {
    const t = performance.now();
    await verifySignature(commit.payload, commit.signature, run.keyring, now);
    out.push((performance.now() - t) * 1000);
  }
  return out;
}

function gitVerify(history: SignedHistory, shas: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "git",
      ["-c", `gpg.ssh.allowedSignersFile=${history.allowedSigners}`, "verify-commit", ...shas],
      { cwd: history.dir, env: { ...gitEnv(), GNUPGHOME: history.gnupgHome, GIT_CONFIG_NOSYSTEM: "1", HOME: history.dir }, maxBuffer: 256 * 1024 * 1024 },
      () => undefined,
    );
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? -1));
  });
}

export async function runSignatureBench(options: SignatureOptions, log: (line: string) => void): Promise<SignatureResult> {
  const built = await timed(() => buildSignedHistory(options.gpgCommits, options.sshCommits));
  const history = built.value;
  try {
    const shas = history.commits.map((c) => c.sha);
    const now = new Date();
    log(`signatures: ${shas.length} commits built in ${round(built.ms / 1000)} s; ${options.runs} interleaved runs`);
    // One untimed run of each first: JIT, page cache and gpg's trust database are then warm for both.
    await fluxWarden(history, now);
    await gitVerify(history, shas);
    const fluxRuns: Awaited<ReturnType<typeof fluxWarden>>[] = [];
    const gnupgMs: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      // Alternate who goes first, so neither side always runs on a warmer page cache.
      const order = run % 2 === 0 ? ["flux", "gnupg"] : ["gnupg", "flux"];
      for (const side of order) {
        if (side === "flux") fluxRuns.push(await fluxWarden(history, now));
        else gnupgMs.push((await timed(() => gitVerify(history, shas))).ms);
      }
      log(`  run ${run + 1}: flux-warden ${Math.round(fluxRuns.at(-1)!.ms)} ms, git verify-commit ${Math.round(gnupgMs.at(-1)!)} ms`);
    }
    const fluxMs = fluxRuns.map((r) => r.ms);
    const ratios = fluxMs.map((ms, i) => gnupgMs[i]! / ms);

    // The guard, and the per-commit figures: one `git verify-commit` per commit, its exit status the verdict.
    const loop = await timed(() => mapLimit(shas, 2, async (sha) => timed(() => gitVerify(history, [sha]))));
    const gitOne = loop.value;
    const last = fluxRuns.at(-1)!;
    const alone = await perCommitUs(last, now);
    const disagreed = history.commits.flatMap((commit, i) => {
      const fluxSays = last.reasons[i]!;
      const gitSays = gitOne[i]!.value;
      const expected = commit.case === "good";
      return (fluxSays === "verified") === (gitSays === 0) && (gitSays === 0) === expected ? [] : [{ sha: commit.sha, signer: commit.signer, flux: fluxSays, git: gitSays }];
    });
    const cases: Record<string, number> = {};
    for (const c of history.commits) cases[c.case] = (cases[c.case] ?? 0) + 1;
    const signers = [...new Set(history.commits.filter((c) => c.case === "good").map((c) => c.signer))];
    const bySigner = signers.map((signer) => {
      const idx = history.commits.flatMap((c, i) => (c.case === "good" && c.signer === signer ? [i] : []));
      return { signer, commits: idx.length, fluxUs: median(idx.map((i) => alone[i]!)), gitOneMs: median(idx.map((i) => gitOne[i]!.ms)) };
    });
    const mid = fluxRuns[fluxMs.indexOf([...fluxMs].sort((a, b) => a - b)[Math.floor(fluxMs.length / 2)]!)]!;
    const result: SignatureResult = {
      commits: shas.length,
      gpgCommits: options.gpgCommits,
      sshCommits: options.sshCommits,
      runs: options.runs,
      keys: history.keys,
      cases,
      buildMs: built.ms,
      fluxMs,
      gnupgMs,
      ratios,
      fluxPerSecond: shas.length / (median(fluxMs) / 1000),
      gnupgPerSecond: shas.length / (median(gnupgMs) / 1000),
      ratio: median(ratios),
      fluxSplit: { readMs: mid.readMs, keyringMs: mid.keyringMs, verifyMs: mid.verifyMs },
      bySigner,
      perCommitLoopMs: loop.ms,
      agreement: { agreed: shas.length - disagreed.length, disagreed },
    };
    if (disagreed.length > 0) throw new Error(`signatures: flux-warden and git verify-commit disagree on ${disagreed.length} commits: ${JSON.stringify(disagreed.slice(0, 5))}`);
    log(`signatures: flux-warden ${thousands(result.fluxPerSecond)} commits/s, git verify-commit ${thousands(result.gnupgPerSecond)} commits/s, ratio ${round(result.ratio)}×; verdicts agree on all ${shas.length}`);
    return result;
  } finally {
    history.dispose();
  }
}

export function renderSignatures(r: SignatureResult): string {
  const ms = (values: number[]) => values.map((v) => Math.round(v)).join(", ");
  return `## 1. Signatures: flux-warden against GnuPG and ssh-keygen, same commits, same run

**${thousands(r.commits)} commits** in one real repository: ${thousands(r.gpgCommits)} signed by \`gpg\` and ${thousands(r.sshCommits)} by
\`ssh-keygen -Y sign\` (keys: ${r.keys.join("; ")}), interleaved in one chain. Of every 50 commits one is unsigned, one
is signed by a key outside the allowed set and one was altered after signing (${Object.entries(r.cases).map(([k, n]) => `${k} ${n}`).join(", ")}).

| | commits/s (median of ${r.runs}) | runs, ms |
|---|---:|---|
| flux-warden (the engine's \`verifyCommits\`: keyring parsed once, objects read once) | **${thousands(r.fluxPerSecond)}** | ${ms(r.fluxMs)} |
| \`git verify-commit <all ${r.commits} shas>\` (one git, one gpg / ssh-keygen per commit) | ${thousands(r.gnupgPerSecond)} | ${ms(r.gnupgMs)} |
| **ratio** (median of the per-run ratios, runs interleaved) | **${round(r.ratio)}×** | ${r.ratios.map((x) => round(x)).join(", ")} |

- Each side ran once untimed first (JIT, page cache, gpg's trust database), then the ${r.runs} timed pairs, the order
  alternating between pairs.
- flux-warden's time, median run: reading ${r.commits} objects with one \`git cat-file --batch\` ${Math.round(r.fluxSplit.readMs)} ms,
  parsing the keyring ${Math.round(r.fluxSplit.keyringMs)} ms, verifying ${Math.round(r.fluxSplit.verifyMs)} ms. Both sides' timings include
  reading the commits; the GnuPG side is git's fastest form (every sha in one invocation; git still starts gpg, or
  ssh-keygen twice, per commit — that is how \`git verify-commit\` works, and most of its cost).
- One \`git verify-commit <sha>\` per commit, two at a time (a CI loop over \`git rev-list\`): ${thousands(r.perCommitLoopMs)} ms for all
  ${r.commits} — ${thousands(r.commits / (r.perCommitLoopMs / 1000))} commits/s. This pass is also the **correctness guard**: its exit status
  per commit and flux-warden's verdict agree on **${r.agreement.agreed} of ${r.commits}** commits (and both match what each commit was
  built to be); the bench fails on any disagreement.

| signer (good commits) | commits | flux-warden, µs per commit verified alone (median) | \`git verify-commit <sha>\`, ms per commit (median) |
|---|---:|---:|---:|
${r.bySigner.map((s) => `| ${s.signer} | ${s.commits} | ${Math.round(s.fluxUs)} | ${round(s.gitOneMs)} |`).join("\n")}
`;
}
