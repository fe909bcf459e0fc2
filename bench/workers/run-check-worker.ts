/**
 * One evaluation in a process of its own, so that its wall time and peak RSS are its own: `runCheck` over the local
 * repository (GitSource) or over the API of a (fake) GitHub (GitHubSource, an Octokit like the app's). Prints one JSON
 * line. `baseline` loads the same modules and does nothing: the process's floor.
 *
 *     tsx bench/workers/run-check-worker.ts '{"mode":"git","repoDir":"…","base":"…","head":"…"}'
 */
import { ProbotOctokit } from "probot";
import { runCheck } from "../../src/check/run-check.js";
import { createGitHubSource } from "../../src/sources/github-source.js";
import { createGitSource } from "../../src/sources/git-source.js";

export interface WorkerTask {
  mode: "git" | "github" | "baseline";
  repoDir?: string;
  base?: string;
  head?: string;
  pullNumber?: number;
  /** The (fake) GitHub's REST base URL. */
  githubUrl?: string;
  owner?: string;
  repo?: string;
}

export interface WorkerResult {
  ms: number;
  maxRssMb: number;
  commits: number;
  conclusion: string | null;
  findings: number;
  requests: number | null;
}

const task = JSON.parse(process.argv[2] ?? "{}") as WorkerTask;
const started = performance.now();
let outcome: Omit<WorkerResult, "ms" | "maxRssMb"> = { commits: 0, conclusion: null, findings: 0, requests: null };

if (task.mode === "git") {
  const source = createGitSource({ repoDir: task.repoDir! });
  try {
    const decision = await runCheck({ source, request: { base: task.base!, head: task.head! }, now: new Date() });
    outcome = { commits: decision.commits.length, conclusion: decision.conclusion, findings: decision.findings.length, requests: null };
  } finally {
    await source.close();
  }
} else if (task.mode === "github") {
  // The app's client, minus throttling and retries (the function form: the object form keeps throttling on).
  const Octokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, throttle: { enabled: false }, retry: { enabled: false } }));
  const octokit = new Octokit({ auth: "token bench", baseUrl: task.githubUrl! });
  const source = createGitHubSource({ octokit, owner: task.owner ?? "acme", repo: task.repo ?? "fleet" });
  const decision = await runCheck({ source, request: { base: task.base!, head: task.head!, ...(task.pullNumber ? { pullNumber: task.pullNumber } : {}) }, now: new Date() });
  outcome = { commits: decision.commits.length, conclusion: decision.conclusion, findings: decision.findings.length, requests: source.stats().total };
}

const result: WorkerResult = { ms: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024, ...outcome };
process.stdout.write(`${JSON.stringify(result)}\n`);

