import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { describeRequestError } from "../../../src/app/github-client.js";
import { createGitHubSource, GitHubApiError, GitHubSourceError } from "../../../src/sources/github-source.js";
import { startFakeGitHub } from "../../support/fake-github.js";
import { TestRepo } from "../../support/git-repo.js";
import { generateSshKey } from "../../support/ssh.js";
import { testOctokit } from "./github-harness.js";

const API = "https://api.github.com";
const REPO = "/repos/acme/fleet";

/**
 * Failures at the HTTP boundary (nock): every one surfaces as an error that names the request, the HTTP status and
 * GitHub's request id, and no ChangeSet comes back. The answers GitHub would give on success are recorded from the
 * fake GitHub over a real signed repository, so only the failing request is made up.
 */
describe("GitHubSource errors", () => {
  let repo: TestRepo;
  let keyDir: string;
  let base: string;
  let head: string;
  let compare: Record<string, unknown>;
  const source = (restLimit = 100) => createGitHubSource({ octokit: testOctokit(API), owner: "acme", repo: "fleet", restLimit });

  beforeAll(async () => {
    keyDir = mkdtempSync(join(tmpdir(), "fw-ssh-"));
    const ssh = generateSshKey(keyDir, "dev");
    repo = TestRepo.create();
    base = repo.write("clusters/a.yaml", "a: 1\n").commit("root");
    head = repo.write("clusters/a.yaml", "a: 2\n").commit("change", { ssh });
    const fake = await startFakeGitHub({ repoDir: repo.dir });
    try {
      compare = (await testOctokit(fake.url).request(`GET ${REPO}/compare/${base}...${head}`)).data as Record<string, unknown>;
    } finally {
      await fake.close();
    }
    nock.disableNetConnect();
  });

  afterEach(() => nock.cleanAll());

  afterAll(() => {
    nock.enableNetConnect();
    repo?.dispose();
    rmSync(keyDir, { recursive: true, force: true });
  });

  async function failure(work: Promise<unknown>): Promise<Error & { status?: number | null; requestId?: string | null }> {
    const error = await work.then(() => null, (e: unknown) => e as Error);
    if (!error) throw new Error("expected the change set to fail");
    return error;
  }

  it("carries the status and the x-github-request-id of a 500", async () => {
    nock(API).get(`${REPO}/compare/${base}...${head}`).reply(500, { message: "Server Error" }, { "x-github-request-id": "ABCD:1234:5678" });
    const error = await failure(source().changeSet({ base, head }));
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toMatchObject({ status: 500, requestId: "ABCD:1234:5678" });
    expect(error.message).toBe(
      `GitHub GET ${REPO}/compare/${base}...${head} for the range ${base}...${head} failed: HTTP 500 (x-github-request-id ABCD:1234:5678): Server Error`,
    );
    // The app's failure summary reads status and request id the way it reads Octokit's own errors.
    expect(describeRequestError(error)).toEqual({ status: 500, requestId: "ABCD:1234:5678" });
  });

  it("says what to check when a commit is not found (404)", async () => {
    nock(API).get(`${REPO}/compare/${base}...${head}`).reply(404, { message: "Not Found" }, { "x-github-request-id": "DEAD:BEEF" });
    const error = await failure(source().changeSet({ base, head }));
    expect(error).toMatchObject({ status: 404, requestId: "DEAD:BEEF" });
    expect(error.message).toMatch(/HTTP 404 \(x-github-request-id DEAD:BEEF\): Not Found \(it does not exist in the repository, or the app cannot see it: was it force-pushed away\?\)$/);
  });

  it("fails the whole change when a later read fails: no partial ChangeSet", async () => {
    nock(API).get(`${REPO}/compare/${base}...${head}`).reply(200, compare);
    nock(API).get(new RegExp(`^${REPO}/git/trees/[0-9a-f]{40}\\?recursive=1$`)).times(2).reply(404, { message: "Not Found" }, { "x-github-request-id": "TREE:404" });
    const error = await failure(source().changeSet({ base, head }));
    expect(error).toMatchObject({ status: 404, requestId: "TREE:404" });
    expect(error.message).toMatch(/git\/trees\/[0-9a-f]{40} for the tree of [0-9a-f]{40} failed: HTTP 404/);
  });

  it("reports GraphQL errors with their type", async () => {
    nock(API).get(`${REPO}/compare/${base}...${head}`).reply(200, compare);
    nock(API)
      .post("/graphql")
      .reply(200, { data: null, errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded" }] }, { "x-github-request-id": "GQL:1" });
    const error = await failure(source(0).changeSet({ base, head }));
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error.message).toMatch(/^GitHub GraphQL FluxWardenTrees for 2 trees failed: HTTP 200 \(x-github-request-id GQL:1\): RATE_LIMITED: API rate limit exceeded$/);
  });

  it("refuses an object GitHub does not resolve", async () => {
    nock(API).get(`${REPO}/compare/${base}...${head}`).reply(200, compare);
    nock(API).post("/graphql").reply(200, { data: { repository: { o0: null, o1: null } } });
    const error = await failure(source(0).changeSet({ base, head }));
    expect(error.message).toMatch(/^GitHub has no object [0-9a-f]{40} in acme\/fleet \(2 trees\): was history rewritten\? retry$/);
  });

  it("refuses a signed payload that does not hash to its commit (a replayed signature)", async () => {
    const tampered = structuredClone(compare) as { commits: Array<{ commit: { verification: { payload: string } } }> };
    const verification = tampered.commits[0]!.commit.verification;
    verification.payload = verification.payload.replace("change", "chang3");
    nock(API).get(`${REPO}/compare/${base}...${head}`).reply(200, tampered);
    const error = await failure(source().changeSet({ base, head }));
    expect(error).toBeInstanceOf(GitHubSourceError);
    expect(error.message).toMatch(new RegExp(`^GitHub's signed payload for commit ${head} does not hash to that commit`));
  });

  it("refuses blob content that does not hash to its oid", async () => {
    nock(API).get(`${REPO}/compare/${base}...${head}`).reply(200, compare);
    nock(API)
      .get(new RegExp(`^${REPO}/git/trees/([0-9a-f]{40})\\?recursive=1$`))
      .times(2)
      .reply(200, (uri) => {
        const sha = /trees\/([0-9a-f]{40})/.exec(uri)?.[1] ?? "";
        const listed = repo.git("ls-tree", "-r", "-t", "-l", sha).split("\n").map((line) => {
          const [meta = "", path = ""] = line.split("\t");
          const [mode, type, oid, size] = meta.split(/ +/);
          return { path, mode, type, sha: oid, ...(type === "blob" ? { size: Number(size) } : {}) };
        });
        return { sha: repo.git("rev-parse", `${sha}^{tree}`), tree: listed, truncated: false };
      });
    nock(API).get(new RegExp(`^${REPO}/git/blobs/[0-9a-f]{40}$`)).times(2).reply(200, { content: Buffer.from("forged: true\n").toString("base64"), encoding: "base64" });
    const error = await failure(source().changeSet({ base, head }));
    expect(error.message).toMatch(/^GitHub returned content for clusters\/a\.yaml that does not hash to its blob [0-9a-f]{40}: retry$/);
  });
});
