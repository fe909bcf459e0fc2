import { ProbotOctokit } from "probot";
import { expect } from "vitest";
import type { ChangeSet, ChangeSetRequest } from "../../../src/sources/change-set.js";
import { createGitSource } from "../../../src/sources/git-source.js";
import { createGitHubSource, type GitHubSource, type GitHubSourceOptions } from "../../../src/sources/github-source.js";
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from "../../support/fake-github.js";

/** An Octokit like the app's, minus throttling and retries (the function form: the object form keeps throttling on). */
export function testOctokit(baseUrl: string): InstanceType<typeof ProbotOctokit> {
  const Octokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, throttle: { enabled: false }, retry: { enabled: false } }));
  return new Octokit({ auth: "token test", baseUrl });
}

/** A fake GitHub over a repository, and a way to make sources that talk to it. */
export interface Harness {
  fake: FakeGitHub;
  source(options?: Partial<GitHubSourceOptions>): GitHubSource;
  close(): Promise<void>;
}

export async function startHarness(options: FakeGitHubOptions): Promise<Harness> {
  const fake = await startFakeGitHub(options);
  return {
    fake,
    source: (overrides = {}) => createGitHubSource({ octokit: testOctokit(fake.url), owner: "acme", repo: "fleet", ...overrides }),
    close: () => fake.close(),
  };
}

/** The local git source's ChangeSet for the same request: the reference the API source must match exactly. */
export async function gitChangeSet(repoDir: string, request: ChangeSetRequest, maxFileBytes?: number): Promise<ChangeSet> {
  const source = createGitSource({ repoDir, ...(maxFileBytes === undefined ? {} : { maxFileBytes }) });
  try {
    return await source.changeSet(request);
  } finally {
    await source.close();
  }
}

/** Both sources over the same repository, same request: the ChangeSets must be identical, byte for byte. */
export async function expectSameAsGit(harness: Harness, repoDir: string, request: ChangeSetRequest & { pullNumber?: number }, options: Partial<GitHubSourceOptions> = {}): Promise<ChangeSet> {
  const { pullNumber: _pull, ...gitRequest } = request;
  const [fromApi, fromGit] = await Promise.all([harness.source(options).changeSet(request), gitChangeSet(repoDir, gitRequest, options.maxFileBytes)]);
  expect(normalise(fromApi)).toStrictEqual(normalise(fromGit));
  return fromApi;
}

/** Uint8Arrays as hex (readable diffs, and Buffer vs Uint8Array views compare equal). */
function normalise(value: unknown): unknown {
  if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString("hex")}`;
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
}
