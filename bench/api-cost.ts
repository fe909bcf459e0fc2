/**
 * Section 3 — GitHub API requests per evaluation, by kind, through the real app (`npm start`, production settings)
 * against the fake GitHub: everything one pull request costs, check run and base reads included. Compared with the
 * naive way and with the floor the API allows. The same app process gives the peak RSS of the 3,000-file PR.
 */
import type { Fleet } from "./fixtures/fleet.js";
import { CheckRunTracker, pullRequestDelivery, type OpenPull } from "./lib/deliveries.js";
import { startFakeProcess } from "./lib/fake-process.js";
import { startReplica } from "./lib/app-replica.js";
import { round, thousands } from "./lib/stats.js";

export interface ApiCase {
  branch: string;
  commits: number;
  files: number;
}

export interface ApiCaseResult extends ApiCase {
  total: number;
  byKind: Record<string, number>;
  naiveChangeSet: number;
  naivePipeline: number;
  floor: number;
  /** Webhook sent → check run completed, ms (throttling on, 0 ms API latency). */
  ms: number;
  conclusion: string | null;
}

export interface ApiCostResult {
  manifests: number;
  cases: ApiCaseResult[];
  /** Requests the app makes once per installation and hour (the access token), or once at start (the reconciler). */
  warmup: Record<string, number>;
  peakRssMb: number;
}

const APP_ID = 4242;
const KEY_FILES = 2;

/**
 * The naive way, for the change set alone (`src/sources/github/README.md`): one listing, one `commits/{sha}` per commit
 * for its files, one content read per file per side.
 */
export function naiveChangeSet(commits: number, files: number): number {
  return 1 + commits + 2 * files;
}

/**
 * The naive whole pipeline: the change set as above, then the policy, the key directory's listing and each key file,
 * the base tree's listing and every manifest of the base read one by one (the repository index), and the check run
 * created and completed.
 */
export function naivePipeline(commits: number, files: number, baseManifests: number): number {
  return naiveChangeSet(commits, files) + 1 + 1 + KEY_FILES + 1 + baseManifests + 2;
}

/**
 * The floor: what no client can go below for this pull request, each kind of data in the fewest requests GitHub's
 * documented limits allow (annotations aside: one more write per 50).
 * - commits with payloads and signatures: one compare lists 250 (`ceil(C / 250)`);
 * - what each commit changed: for more than one commit, the commits' trees — at least one GraphQL query (a nested
 *   query can return whole trees of many commits in one answer; it cannot be pruned without a round trip per level);
 *   one commit's change is the net change;
 * - every file of the base (policy, keys, repository index, the base side of the change): one tarball;
 * - the head side of the changed files: one request (a GraphQL batch of blobs, or the head's tarball);
 * - the check run: one write, created already completed.
 */
export function floor(commits: number): number {
  return Math.ceil(commits / 250) + (commits > 1 ? 1 : 0) + 1 + 1 + 1;
}

export async function runApiCostBench(
  fleet: Fleet,
  manifests: number,
  cases: ApiCase[],
  warmupBranch: string,
  log: (line: string) => void,
  env: Record<string, string> = {},
): Promise<ApiCostResult> {
  const installation = { id: 1, owner: "acme" };
  const fake = await startFakeProcess({ repoDir: fleet.dir, installations: [installation], appId: APP_ID });
  const replica = await startReplica({ githubHost: fake.host, appId: APP_ID, env }).catch(async (error: unknown) => {
    await fake.stop();
    throw error;
  });
  // The reconciler's pass at start lists open pull requests: let it finish before any is opened, or it would queue
  // the first one a second time (a "reconcile" job re-evaluates even a head that has been decided meanwhile).
  await replica.waitForLog("reconciler pass");
  const tracker = new CheckRunTracker(fake);
  let number = 0;
  const open = async (branch: string): Promise<OpenPull> => {
    const json = await fake.addPull({ number: ++number, base: "main", head: branch, owner: installation.owner });
    return { owner: installation.owner, installationId: installation.id, number, head: fleet.heads[branch]!, base: fleet.base, json };
  };
  const evaluate = async (pull: OpenPull): Promise<number> => {
    const started = Date.now();
    const delivery = pullRequestDelivery(pull);
    const answer = await replica.app.deliver(delivery.name, delivery.payload, { id: delivery.id });
    if (!answer.ok) throw new Error(`delivery refused: ${answer.status}`);
    await tracker.waitFor([{ owner: pull.owner, head: pull.head }], 300_000, 100);
    return tracker.completed(pull.owner, pull.head)!.completedAt! - started;
  };
  try {
    // The access token (once an hour per installation) and the reconciler's pass at start are not per evaluation.
    await evaluate(await open(warmupBranch));
    const warmup = (await fake.stats()).byKind;
    const results: ApiCaseResult[] = [];
    for (const c of cases) {
      const pull = await open(c.branch);
      await fake.resetStats();
      const ms = await evaluate(pull);
      const stats = await fake.stats();
      results.push({
        ...c,
        total: stats.total,
        byKind: stats.byKind,
        naiveChangeSet: naiveChangeSet(c.commits, c.files),
        naivePipeline: naivePipeline(c.commits, c.files, manifests),
        floor: floor(c.commits),
        ms,
        conclusion: tracker.completed(pull.owner, pull.head)!.conclusion,
      });
      log(`api cost: ${c.commits} commits / ${thousands(c.files)} files: ${stats.total} requests (naive ${naiveChangeSet(c.commits, c.files)} for the change set alone, floor ${floor(c.commits)}), ${round(ms / 1000)} s`);
    }
    return { manifests, cases: results, warmup, peakRssMb: replica.peakRssMb() };
  } finally {
    await replica.app.stop();
    await fake.stop();
  }
}

/** Why each kind of request is there (for the 250/300 justification; keys are the fake's route templates). */
export const WHY: Record<string, string> = {
  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs":
    "Is there already a run for this head? A redelivery or a duplicate event must not add a second run (or re-evaluate a decided change). Idempotency, not data.",
  "POST /repos/{owner}/{repo}/check-runs": "The check run, created `in_progress` as soon as the job starts, so the pull request shows the gate is working.",
  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": "The check run completed: conclusion, summary, the first 50 annotations (one more write per further 50).",
  "GET /repos/{owner}/{repo}/compare/{basehead}": "Every commit of the range with its signed payload and signature (250 per answer), the merge base, the net file list.",
  "GET /repos/{owner}/{repo}/git/trees/{tree_sha}": "A recursive tree listing: of the base (policy, key files, every manifest path for the repository index), or of a commit when few commits are diffed over REST.",
  "graphql FluxWardenTrees": "Trees, level by level, for up to 500 trees a query: every commit's tree diffed against its parents' (the commit's own changes, for ownership), descending only into subtrees that differ.",
  "graphql FluxWardenBlobs": "File contents by blob oid, up to 500 (4 MiB of text) a query: both sides of the net change when neither side's tarball is cheaper.",
  "GET /repos/{owner}/{repo}/tarball/{ref}": "One commit's whole tree as an archive (the codeload redirect is not an API request): the base's files for the repository index, or one side of a large net change.",
  "GET /repos/{owner}/{repo}/git/blobs/{file_sha}": "One file by blob oid: when a few files are cheaper one by one than an archive or a GraphQL batch (the policy file before the base's archive is needed, a key file).",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": "The pull request's file listing: only when renames cannot be settled from the trees.",
  "GET /repos/{owner}/{repo}/commits/{ref}": "One commit's file listing: only when that commit's renames cannot be settled from the trees.",
  "POST /app/installations/{installation_id}/access_tokens": "The installation's access token: once an hour per installation (Probot caches it).",
};

export function renderApiCost(r: ApiCostResult): string {
  const kinds = [...new Set(r.cases.flatMap((c) => Object.keys(c.byKind)))].sort();
  const short = (kind: string) => kind.replace("/repos/{owner}/{repo}", "").replace(/^GET /, "GET ");
  const focus = r.cases.find((c) => c.commits === 250 && c.files === 300);
  return `## 3. GitHub API requests per evaluation

Through the real app (\`npm start\`, throttling on) against the fake GitHub, over a fleet of ${thousands(r.manifests)} manifests:
everything one pull request costs from the webhook to the completed check run — the check run itself, the base's
policy, keys and repository index, and the change set. Counted by the fake, by route (GraphQL by operation).

| requests | ${r.cases.map((c) => `${c.commits} / ${thousands(c.files)}`).join(" | ")} |
|---|${r.cases.map(() => "---:").join("|")}|
${kinds.map((kind) => `| \`${short(kind)}\` | ${r.cases.map((c) => c.byKind[kind] ?? "").join(" | ")} |`).join("\n")}
| **total** | ${r.cases.map((c) => `**${c.total}**`).join(" | ")} |
| naive, change set only (1 + C + 2F) | ${r.cases.map((c) => thousands(c.naiveChangeSet)).join(" | ")} |
| naive, whole pipeline | ${r.cases.map((c) => thousands(c.naivePipeline)).join(" | ")} |
| floor | ${r.cases.map((c) => c.floor).join(" | ")} |
| webhook → completed run, s | ${r.cases.map((c) => round(c.ms / 1000)).join(" | ")} |

(columns: commits / files of the pull request; all conclusions ${[...new Set(r.cases.map((c) => c.conclusion))].join(", ")}). Once per installation
and hour the app also asks for an access token, and once at start the reconciler lists installations, repositories
and open pull requests (${Object.entries(r.warmup).filter(([k]) => /access_tokens|installation|\/pulls$/.test(k)).map(([k, n]) => `\`${short(k)}\` ${n}`).join(", ")}); neither is per evaluation.

How the source plans its requests, quoted from \`src/sources/github/README.md\` (C commits, R root commits, F net
files, T_k distinct trees needed at directory level k, B_side blobs needed from the merge base / head):

\`\`\`
range   = 1                                   (C ≤ 250)     | 1 + ceil(C / 100)        (paged compare)
trees   = R                                   (REST: R ≤ 100 and R × entries ≤ 200,000)
        | Σ_k ceil(T_k / 500)                 (GraphQL, one query per level for up to 500 trees)
renames = Σ over ambiguous commits ceil(files / 300)  +  net: 0 (compare listing complete) | ceil(F / 100)
blobs   = Σ_side min(B_side (REST ≤ 100) or ceil(B_side / 500) (GraphQL),  1 tarball [+ 1 listing])
base    = 1 listing (0 when base = merge base on the REST path) + reads (1 tarball, 0 once read)
\`\`\`

Plus, per evaluation, what the README's formula leaves out: the check run (one \`GET\` of the head's runs, one
\`POST\`, one \`PATCH\`, one more \`PATCH\` per 50 annotations beyond the first 50). The 20-commit pull request takes the
REST path (21 recursive tree reads: REST requests are not throttled, GraphQL calls wait for the installation's
one-a-second slot); the 250-commit ones take GraphQL, one query per tree level.

**Naive** is what a straightforward client does: one listing, one \`commits/{sha}\` per commit for its files, one
content read per file per side; for the whole pipeline also the policy, the key directory and each key file, the
base's listing and each of its ${thousands(r.manifests)} manifests one by one, and the check run's create and completion.

**Floor** is what no client can go below: commits with signatures from one compare (250 per answer); for more than
one commit, at least one query for the commits' trees (what each commit changed is only in its tree: one nested
GraphQL query could return every tree whole, at the price of an answer of commits × entries); the base's files in
one tarball (policy, keys, repository index and the base side of the change); the head side in one request (a blob
batch or the head's tarball); one check-run write (created already completed, up to 50 annotations). The app spends
more than the floor on purpose in three places: it looks up the head's existing run before writing (idempotency),
writes the run twice (\`in_progress\` at once, then completed), and reads trees level by level, one query per level,
descending only into changed subtrees, instead of one unbounded query.

${focus ? renderJustification(focus) : ""}`;
}

function renderJustification(c: ApiCaseResult): string {
  return `### The ${c.total} requests of the 250-commit, 300-file pull request (target: at most 20)

| request | n | why it is needed |
|---|---:|---|
${Object.entries(c.byKind)
  .sort((a, b) => b[1] - a[1])
  .map(([kind, n]) => `| \`${kind.replace("/repos/{owner}/{repo}", "")}\` | ${n} | ${WHY[kind] ?? "(not explained: investigate)"} |`)
  .join("\n")}
`;
}
