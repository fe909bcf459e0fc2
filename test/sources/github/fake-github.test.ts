import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitSignedCommit } from "../../../src/signatures/signed-object.js";
import { startFakeGitHub, type FakeGitHub } from "../../support/fake-github.js";
import { TestRepo } from "../../support/git-repo.js";
import { GpgHome } from "../../support/gpg.js";
import { generateSshKey } from "../../support/ssh.js";
import { testOctokit } from "./github-harness.js";

const R = "/repos/acme/fleet";

/** The fake GitHub itself: GitHub's shapes and rules, answered from the real repository. */
describe("fake GitHub", () => {
  let repo: TestRepo;
  let fake: FakeGitHub;
  let gpgHome: GpgHome;
  let keyDir: string;
  let octokit: ReturnType<typeof testOctokit>;
  const c: Record<string, string> = {};

  beforeAll(async () => {
    gpgHome = GpgHome.create();
    const gpg = gpgHome.generate("Platform <platform@example.com>");
    keyDir = mkdtempSync(join(tmpdir(), "fw-ssh-"));
    const ssh = generateSshKey(keyDir, "dev");
    repo = TestRepo.create();
    c.root = repo.writeAll({ "clusters/a.yaml": "a: 1\n", "README.md": "readme\n" }).commit("root");
    repo.checkout("feature", true);
    c.gpg = repo.write("clusters/b.yaml", "b: 1\n").commit("gpg signed\n\nwith a body", { gpg });
    c.ssh = repo.write("clusters/bin.dat", Buffer.from([0, 1, 2, 3])).symlink("clusters/link.yaml", "a.yaml").commit("ssh signed", { ssh });
    c.mv = repo.move("README.md", "docs/README.md").commit("move");
    c.last = repo.write("clusters/a.yaml", "a: 2\n").commit("last");
    fake = await startFakeGitHub({ repoDir: repo.dir });
    octokit = testOctokit(fake.url);
    await fake.addPull({ number: 3, base: "main", head: "feature" });
  });

  afterAll(async () => {
    await fake?.close();
    repo?.dispose();
    gpgHome?.dispose();
    rmSync(keyDir, { recursive: true, force: true });
  });

  it("serves commits with their real signature and payload, and GitHub's verdict is always 'unknown key'", async () => {
    for (const sha of [c.gpg!, c.ssh!]) {
      const raw = execFileSync("git", ["cat-file", "commit", sha], { cwd: repo.dir });
      const { payload, signature } = splitSignedCommit(raw);
      const { data } = await octokit.request(`GET ${R}/git/commits/{sha}`, { sha });
      expect(data.verification).toEqual({ verified: false, reason: "unknown_key", signature, payload: Buffer.from(payload).toString("utf8"), verified_at: null });
    }
    const { data: unsigned } = await octokit.request(`GET ${R}/git/commits/{sha}`, { sha: c.root! });
    expect(unsigned.verification).toEqual({ verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null });
    expect(unsigned.message).toBe("root");
    expect(unsigned.author.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("pages pull request listings with GitHub's Link headers, and caps them", async () => {
    const first = await octokit.request(`GET ${R}/pulls/3/commits`, { per_page: 2 });
    expect(first.data.map((commit: { sha: string }) => commit.sha)).toEqual([c.gpg, c.ssh]);
    expect(first.headers.link).toBe(
      `<${fake.url}${R}/pulls/3/commits?per_page=2&page=2>; rel="next", <${fake.url}${R}/pulls/3/commits?per_page=2&page=2>; rel="last"`,
    );
    const all = (await octokit.paginate(`GET ${R}/pulls/3/commits`, { per_page: 1 })) as Array<{ sha: string }>;
    expect(all.map((commit) => commit.sha)).toEqual([c.gpg, c.ssh, c.mv, c.last]);
    fake.limits.pullCommits = 3;
    expect(await octokit.paginate(`GET ${R}/pulls/3/commits`, { per_page: 100 })).toHaveLength(3);
    fake.limits.pullCommits = 250;
    const files = (await octokit.paginate(`GET ${R}/pulls/3/files`, { per_page: 2 })) as Array<{ filename: string; status: string; previous_filename?: string }>;
    expect(files.map((f) => [f.status, f.filename, f.previous_filename ?? null])).toEqual([
      ["modified", "clusters/a.yaml", null],
      ["added", "clusters/b.yaml", null],
      ["added", "clusters/bin.dat", null],
      ["added", "clusters/link.yaml", null],
      ["renamed", "docs/README.md", "README.md"],
    ]);
  });

  it("compares like GitHub: 250 commits without paging (configurable), pages with per_page, files on page one", async () => {
    fake.limits.compareCommits = 2;
    const { data } = await octokit.request(`GET ${R}/compare/{basehead}`, { basehead: "main...feature" });
    expect(data).toMatchObject({ status: "ahead", ahead_by: 4, behind_by: 0, total_commits: 4, merge_base_commit: { sha: c.root } });
    expect(data.commits).toHaveLength(2);
    expect(data.files).toHaveLength(5);
    fake.limits.compareCommits = 250;
    const page2 = await octokit.request(`GET ${R}/compare/{basehead}`, { basehead: "main...feature", per_page: 3, page: 2 });
    expect(page2.data.commits.map((commit: { sha: string }) => commit.sha)).toEqual([c.last]);
    expect(page2.data.files).toEqual([]);
    expect(page2.headers.link).toContain('rel="prev"');
  });

  it("serves trees (recursive, truncated past the limit), blobs (base64 or raw) and contents", async () => {
    const tree = await octokit.request(`GET ${R}/git/trees/{sha}`, { sha: c.ssh!, recursive: 1 });
    expect(tree.data.truncated).toBe(false);
    expect(tree.data.tree.map((e: { path: string; mode: string; type: string }) => `${e.mode} ${e.type} ${e.path}`)).toEqual([
      "100644 blob README.md",
      "040000 tree clusters",
      "100644 blob clusters/a.yaml",
      "100644 blob clusters/b.yaml",
      "100644 blob clusters/bin.dat",
      "120000 blob clusters/link.yaml",
    ]);
    fake.limits.treeEntries = 2;
    expect((await octokit.request(`GET ${R}/git/trees/{sha}`, { sha: c.ssh!, recursive: 1 })).data).toMatchObject({ truncated: true, tree: [{}, {}] });
    fake.limits.treeEntries = 100_000;
    const bin = tree.data.tree.find((e: { path: string }) => e.path === "clusters/bin.dat");
    const blob = await octokit.request(`GET ${R}/git/blobs/{sha}`, { sha: bin.sha });
    expect(Buffer.from(blob.data.content, "base64")).toEqual(Buffer.from([0, 1, 2, 3]));
    const raw = await octokit.request(`GET ${R}/git/blobs/{sha}`, { sha: bin.sha, headers: { accept: "application/vnd.github.raw" } });
    expect(Buffer.from(raw.data as ArrayBuffer)).toEqual(Buffer.from([0, 1, 2, 3]));
    const file = await octokit.request(`GET ${R}/contents/{path}`, { path: "clusters/a.yaml", ref: "feature" });
    expect(file.data).toMatchObject({ type: "file", encoding: "base64", size: 5, path: "clusters/a.yaml" });
    expect(Buffer.from(file.data.content, "base64").toString()).toBe("a: 2\n");
    const dir = await octokit.request(`GET ${R}/contents/{path}`, { path: "clusters", ref: c.ssh! });
    expect(dir.data.map((e: { name: string; type: string }) => `${e.type} ${e.name}`)).toEqual(["file a.yaml", "file b.yaml", "file bin.dat", "symlink link.yaml"]);
    fake.limits.contentsBytes = 3;
    expect((await octokit.request(`GET ${R}/contents/{path}`, { path: "clusters/a.yaml" })).data).toMatchObject({ encoding: "none", content: "" });
    fake.limits.contentsBytes = 1024 * 1024;
    await expect(octokit.request(`GET ${R}/contents/{path}`, { path: "nope.yaml" })).rejects.toMatchObject({ status: 404 });
  });

  it("answers GraphQL from a real schema: objects by oid or expression, Int modes, binary text as null", async () => {
    const data = await octokit.graphql<{ repository: Record<string, any> }>(
      `query Probe($owner: String!, $name: String!) { repository(owner: $owner, name: $name) {
        c: object(expression: "${c.ssh}") { ... on Commit { oid message signature { __typename signature payload } parents(first: 5) { nodes { oid } }
          history(first: 2) { totalCount pageInfo { hasNextPage } nodes { oid } } tree { entries { name type mode size } } } }
        b: object(expression: "${c.ssh}:clusters/bin.dat") { ... on Blob { byteSize isBinary text } }
        missing: object(oid: "${"0".repeat(40)}") { oid } } }`,
      { owner: "acme", name: "fleet" },
    );
    const commit = data.repository.c;
    expect(commit.signature.__typename).toBe("SshSignature");
    expect(commit.signature.signature).toMatch(/^-----BEGIN SSH SIGNATURE-----/);
    expect(commit.parents.nodes).toEqual([{ oid: c.gpg }]);
    expect(commit.history).toEqual({ totalCount: 3, pageInfo: { hasNextPage: true }, nodes: [{ oid: c.ssh }, { oid: c.gpg }] });
    expect(commit.tree.entries).toEqual([
      { name: "README.md", type: "blob", mode: 0o100644, size: 7 },
      { name: "clusters", type: "tree", mode: 0o40000, size: 0 },
    ]);
    expect(data.repository.b).toEqual({ byteSize: 4, isBinary: true, text: null });
    expect(data.repository.missing).toBeNull();
    await expect(octokit.graphql(`{ repository(owner: "acme", name: "fleet") { object(oid: "${c.ssh}") { ... on Commit { history { totalCount } } } } }`)).rejects.toThrow(
      /You must provide a `first` or `last` value/,
    );
    await expect(octokit.graphql(`{ repository(owner: "acme", name: "other") { name } }`)).rejects.toThrow(/Could not resolve to a Repository/);
  });

  it("records check runs in order, keeps GitHub's rules, and lists them for a ref", async () => {
    const created = await octokit.request(`POST ${R}/check-runs`, { name: "flux-warden", head_sha: c.last!, status: "in_progress" });
    expect(created.status).toBe(201);
    const annotations = Array.from({ length: 51 }, (_, i) => ({ path: "a.yaml", start_line: i + 1, end_line: i + 1, annotation_level: "failure", message: "x" }));
    await expect(
      octokit.request(`PATCH ${R}/check-runs/{id}`, { id: created.data.id, output: { title: "t", summary: "s", annotations } }),
    ).rejects.toMatchObject({ status: 422 });
    await octokit.request(`PATCH ${R}/check-runs/{id}`, { id: created.data.id, conclusion: "failure", output: { title: "t", summary: "s", annotations: annotations.slice(0, 50) } });
    await octokit.request(`PATCH ${R}/check-runs/{id}`, { id: created.data.id, output: { title: "t", summary: "s", annotations: annotations.slice(50) } });
    const listed = await octokit.request(`GET ${R}/commits/{ref}/check-runs`, { ref: "feature", check_name: "flux-warden" });
    expect(listed.data).toMatchObject({ total_count: 1, check_runs: [{ status: "completed", conclusion: "failure", output: { annotations_count: 51 } }] });
    const recorded = (await (await fetch(`${fake.url}/_fake/check-runs`)).json()) as Array<{ action: string }>;
    expect(recorded.map((r) => r.action)).toEqual(["create", "update", "update"]);
    expect(fake.checkRuns()).toEqual(recorded);
  });

  it("registers pull requests and answers Probot's app-authentication calls", async () => {
    const answer = await fetch(`${fake.url}/_fake/pulls`, { method: "POST", body: JSON.stringify({ number: 9, base: c.root, head: "feature" }) });
    expect(answer.status).toBe(201);
    expect(await answer.json()).toMatchObject({ number: 9, state: "open", head: { sha: c.last, ref: "feature" }, base: { sha: c.root }, commits: 4, changed_files: 5 });
    expect((await fetch(`${fake.url}/_fake/pulls`, { method: "POST", body: JSON.stringify({ number: 10, base: "nope", head: "feature" }) })).status).toBe(422);
    expect((await octokit.request(`GET ${R}/pulls/9`)).data.head.sha).toBe(c.last);
    expect((await octokit.request("POST /app/installations/1/access_tokens")).data.token).toMatch(/^ghs_/);
    expect((await octokit.request(`GET ${R}/installation`)).data).toMatchObject({ id: 1, account: { login: "acme" } });
  });

  it("counts requests by kind (GraphQL by operation name) and serves the GHE form", async () => {
    await fetch(`${fake.url}/_fake/reset-stats`, { method: "POST" });
    const ghe = testOctokit(`${fake.url}/api/v3`);
    await ghe.request(`GET ${R}/git/commits/{sha}`, { sha: c.root! });
    await ghe.graphql(`query Named { repository(owner: "acme", name: "fleet") { name } }`);
    await octokit.request(`GET ${R}/git/commits/{sha}`, { sha: c.root! });
    expect(await (await fetch(`${fake.url}/_fake/stats`)).json()).toEqual({
      total: 3,
      byKind: { "GET /repos/{owner}/{repo}/git/commits/{commit_sha}": 2, "graphql Named": 1 },
    });
    fake.resetStats();
    expect(fake.stats()).toEqual({ total: 0, byKind: {} });
  });

  it("adds latency to API requests, not to its control endpoints", async () => {
    fake.latencyMs = 150;
    try {
      let started = performance.now();
      await octokit.request(`GET ${R}/git/commits/{sha}`, { sha: c.root! });
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
      started = performance.now();
      await fetch(`${fake.url}/_fake/stats`);
      expect(performance.now() - started).toBeLessThan(145);
    } finally {
      fake.latencyMs = 0;
    }
  });

  it("runs on its own: npx tsx test/support/fake-github.ts --repo DIR --port N --latency-ms M", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/fake-github.ts", "--repo", repo.dir, "--port", "0", "--latency-ms", "1", "--owner", "o", "--name", "r"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          const found = /listening on (http:\/\/\S+)/.exec(chunk.toString());
          if (found?.[1]) resolve(found[1]);
        });
        child.on("exit", (code) => reject(new Error(`fake exited with ${code}`)));
      });
      const answer = await fetch(`${url}/repos/o/r/git/commits/${c.root}`);
      expect(((await answer.json()) as { sha: string }).sha).toBe(c.root);
      expect(await (await fetch(`${url}/_fake/stats`)).json()).toEqual({ total: 1, byKind: { "GET /repos/{owner}/{repo}/git/commits/{commit_sha}": 1 } });
    } finally {
      child.kill("SIGTERM");
    }
  });
});

/** Several installations over one repository: what the app's reconciler lists, and runs kept apart per repository. */
describe("fake GitHub with several installations", () => {
  let repo: TestRepo;
  let fake: FakeGitHub;
  let main: string;
  let head: string;

  beforeAll(async () => {
    repo = TestRepo.create();
    main = repo.write("clusters/a.yaml", "a: 1\n").commit("root");
    repo.checkout("feature", true);
    head = repo.write("clusters/a.yaml", "a: 2\n").commit("change");
    fake = await startFakeGitHub({ repoDir: repo.dir, installations: [{ id: 11, owner: "acme" }, { id: 12, owner: "globex" }] });
    await fake.addPull({ number: 1, base: "main", head: "feature" });
    await fake.addPull({ number: 2, base: main, head: "feature", owner: "globex" });
    await fake.addPull({ number: 3, base: main, head: "feature", owner: "globex" });
  });

  afterAll(async () => {
    await fake?.close();
    repo?.dispose();
  });

  const as = (installation: number) => {
    const octokit = testOctokit(fake.url);
    return (route: string, parameters: Record<string, unknown> = {}) =>
      octokit.request(route, { ...parameters, headers: { authorization: `token ghs_fake_${installation}_1` } });
  };

  it("lists the app's installations and each installation's repository, by its token", async () => {
    const octokit = testOctokit(fake.url);
    const installations = await octokit.request("GET /app/installations", { per_page: 1 });
    expect(installations.data).toMatchObject([{ id: 11, account: { login: "acme" } }]);
    expect(installations.headers.link).toContain('rel="next"');
    expect((await octokit.request("GET /app/installations")).data.map((i: { id: number }) => i.id)).toEqual([11, 12]);
    expect((await as(12)("GET /installation/repositories")).data).toMatchObject({ total_count: 1, repositories: [{ name: "fleet", owner: { login: "globex" }, archived: false }] });
    await expect(octokit.request("GET /installation/repositories")).rejects.toMatchObject({ status: 403 });
    expect((await octokit.request("POST /app/installations/12/access_tokens")).data.token).toMatch(/^ghs_fake_12_/);
    await expect(octokit.request("POST /app/installations/13/access_tokens")).rejects.toMatchObject({ status: 404 });
    expect((await octokit.request("GET /repos/globex/fleet/installation")).data).toMatchObject({ id: 12, account: { login: "globex" } });
    await expect(octokit.request("GET /repos/initech/fleet/git/commits/{sha}", { sha: head })).rejects.toMatchObject({ status: 404 });
  });

  it("lists each repository's open pull requests, newest first, in pages", async () => {
    const octokit = testOctokit(fake.url);
    const globex = await octokit.request("GET /repos/{owner}/{repo}/pulls", { owner: "globex", repo: "fleet", state: "open", per_page: 1 });
    expect(globex.data).toMatchObject([{ number: 3, state: "open", head: { sha: head }, base: { sha: main, repo: { full_name: "globex/fleet" } } }]);
    expect(globex.headers.link).toContain('rel="last"');
    const all = (await octokit.paginate("GET /repos/{owner}/{repo}/pulls", { owner: "globex", repo: "fleet", per_page: 100 })) as Array<{ number: number }>;
    expect(all.map((pull) => pull.number)).toEqual([3, 2]);
    expect((await octokit.request("GET /repos/acme/fleet/pulls")).data.map((pull: { number: number }) => pull.number)).toEqual([1]);
    expect((await octokit.request("GET /repos/acme/fleet/pulls", { state: "closed" })).data).toEqual([]);
    expect((await octokit.request("GET /repos/globex/fleet/pulls/2")).data.head.sha).toBe(head);
    await expect(octokit.request("GET /repos/acme/fleet/pulls/2")).rejects.toMatchObject({ status: 404 });
  });

  it("keeps check runs per repository: the same head has independent runs in each", async () => {
    const octokit = testOctokit(fake.url);
    const acme = await octokit.request("POST /repos/acme/fleet/check-runs", { name: "flux-warden", head_sha: head, status: "in_progress" });
    await octokit.request("PATCH /repos/acme/fleet/check-runs/{id}", { id: acme.data.id, conclusion: "success", output: { title: "t", summary: "s" } });
    await expect(octokit.request("PATCH /repos/globex/fleet/check-runs/{id}", { id: acme.data.id, conclusion: "failure" })).rejects.toMatchObject({ status: 404 });
    const listed = (owner: string) => octokit.request("GET /repos/{owner}/fleet/commits/{ref}/check-runs", { owner, ref: head, check_name: "flux-warden" });
    expect((await listed("acme")).data).toMatchObject({ total_count: 1, check_runs: [{ status: "completed", conclusion: "success" }] });
    expect((await listed("globex")).data).toMatchObject({ total_count: 0, check_runs: [] });
    const recorded = fake.checkRuns();
    expect(recorded.map((r) => [r.action, r.repository])).toEqual([["create", "acme/fleet"], ["update", "acme/fleet"]]);
    expect(recorded[1]!.at).toBeGreaterThanOrEqual(recorded[0]!.at);
    // `since` skips what a poller has already seen.
    expect(((await (await fetch(`${fake.url}/_fake/check-runs?since=1`)).json()) as Array<{ action: string }>).map((r) => r.action)).toEqual(["update"]);
  });

  it("changes its latency through PUT /_fake/latency", async () => {
    expect((await fetch(`${fake.url}/_fake/latency`, { method: "PUT", body: JSON.stringify({ ms: 120 }) })).status).toBe(204);
    expect(fake.latencyMs).toBe(120);
    expect((await fetch(`${fake.url}/_fake/latency`, { method: "PUT", body: JSON.stringify({ ms: -1 }) })).status).toBe(422);
    fake.latencyMs = 0;
  });
});
