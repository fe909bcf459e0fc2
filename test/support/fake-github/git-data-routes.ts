import { gitCommitJson, nodeId, repoUrl } from "./commit-json.js";
import type { FakeContext } from "./fake-context.js";
import { runGit } from "./git-objects.js";
import { apiError, type FakeRequest, type FakeResponse, type Router } from "./router.js";

const REPO = "/repos/{owner}/{repo}";

/** Whether the client asked for raw bytes (`application/vnd.github.raw`, also the `v3.raw` and `raw+json` spellings). */
export function wantsRaw(request: FakeRequest): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/.test(String(request.headers.accept ?? ""));
}

/** GitHub wraps base64 at 60 characters per line. */
export function base64Lines(bytes: Buffer): string {
  return (bytes.toString("base64").match(/.{1,60}/g) ?? []).map((line) => `${line}\n`).join("");
}

/** The Git database endpoints: `git/commits`, `git/trees`, `git/blobs`, `git/ref`, and the repository itself. */
export function addGitDataRoutes(router: Router, ctx: FakeContext): void {
  router.add("GET", REPO, async () => {
    const branch = await defaultBranch(ctx);
    const full = `${ctx.site.owner}/${ctx.site.repo}`;
    return { status: 200, body: { id: 1, node_id: nodeId("R", full), name: ctx.site.repo, full_name: full, owner: { login: ctx.site.owner, type: "Organization" }, private: false, default_branch: branch, url: repoUrl(ctx.site) } };
  });

  router.add("GET", `${REPO}/git/commits/{commit_sha}`, async ({ params }) => {
    const commit = /^[0-9a-f]{40}$/.test(params.commit_sha ?? "") ? await ctx.repo.commit(params.commit_sha ?? "") : null;
    return commit ? { status: 200, body: gitCommitJson(ctx.site, commit) } : apiError(404, "Not Found");
  });

  router.add("GET", `${REPO}/git/ref/{ref*}`, async ({ params }) => {
    const ref = `refs/${params.ref}`;
    const sha = await ctx.repo.resolve(ref);
    return sha ? { status: 200, body: { ref, node_id: nodeId("REF", ref), url: `${repoUrl(ctx.site)}/git/${ref}`, object: { sha, type: "commit", url: `${repoUrl(ctx.site)}/git/commits/${sha}` } } } : apiError(404, "Not Found");
  });

  // `tree_sha` may be a tree, a commit or a branch name; `recursive` set to ANY value recurses (GitHub's rule).
  router.add("GET", `${REPO}/git/trees/{tree_sha}`, async (request) => {
    const tree = await ctx.repo.treeOf(request.params.tree_sha ?? "");
    if (!tree) return apiError(404, "Not Found");
    const recursive = request.query.has("recursive");
    const entries = await ctx.repo.list(tree, recursive);
    // The cap is on recursive answers; GitHub's advice past it is to read one subtree at a time.
    const truncated = recursive && entries.length > ctx.limits.treeEntries;
    const url = repoUrl(ctx.site);
    return {
      status: 200,
      body: {
        sha: tree,
        url: `${url}/git/trees/${tree}`,
        tree: entries.slice(0, truncated ? ctx.limits.treeEntries : entries.length).map((e) => ({
          path: e.path,
          mode: e.mode,
          type: e.type,
          sha: e.oid,
          ...(e.type === "blob" ? { size: e.size } : {}),
          ...(e.type !== "commit" ? { url: `${url}/git/${e.type}s/${e.oid}` } : {}),
        })),
        truncated,
      },
    };
  });

  router.add("GET", `${REPO}/git/blobs/{file_sha}`, async (request) => {
    const oid = request.params.file_sha ?? "";
    const bytes = /^[0-9a-f]{40}$/.test(oid) ? await ctx.repo.blob(oid) : null;
    if (!bytes) return apiError(404, "Not Found");
    if (bytes.length > ctx.limits.blobBytes) return apiError(403, "This API returns blobs up to 100 MB in size. The requested blob is too large to fetch via the API, but you can use the Git Data API to request blobs up to 100 MB in size.");
    if (wantsRaw(request)) return { status: 200, raw: bytes, contentType: "application/vnd.github.raw" };
    return { status: 200, body: { sha: oid, node_id: nodeId("B", oid), size: bytes.length, url: `${repoUrl(ctx.site)}/git/blobs/${oid}`, content: base64Lines(bytes), encoding: "base64" } };
  });

  // GitHub answers with a redirect to codeload.github.com, which is not an API request: the fake's stand-in for
  // codeload lives under /_fake/ and is neither counted nor slowed down.
  router.add("GET", `${REPO}/tarball/{ref*}`, async ({ params, url }) => {
    const sha = await ctx.repo.resolve(params.ref ?? "");
    if (!sha) return apiError(404, "Not Found");
    return { status: 302, headers: { location: `${url.origin}/_fake/codeload/${ctx.site.owner}/${ctx.site.repo}/legacy.tar.gz/${sha}` } };
  });
  router.add("GET", "/_fake/codeload/{owner}/{repo}/legacy.tar.gz/{sha}", async ({ params }) => {
    const sha = params.sha ?? "";
    if (!/^[0-9a-f]{40}$/.test(sha)) return apiError(404, "Not Found");
    const prefix = `${ctx.site.owner}-${ctx.site.repo}-${sha.slice(0, 7)}/`;
    const archive = await runGit(ctx.repo.dir, ["archive", "--format=tar.gz", `--prefix=${prefix}`, sha]);
    return { status: 200, raw: archive, contentType: "application/x-gzip" };
  });

  router.add("GET", `${REPO}/contents`, (request) => contents(ctx, request, ""));
  router.add("GET", `${REPO}/contents/{path*}`, (request) => contents(ctx, request, request.params.path ?? ""));
}

async function defaultBranch(ctx: FakeContext): Promise<string> {
  return (await runGit(ctx.repo.dir, ["symbolic-ref", "--short", "HEAD"]).catch(() => Buffer.from("main"))).toString("utf8").trim();
}

/**
 * `contents/{path}?ref=`: a directory is a listing, a file its base64 content (empty with `encoding: "none"` above
 * 1 MB, as GitHub does) or raw bytes with the raw media type. Symlinks are described, not followed.
 */
async function contents(ctx: FakeContext, request: FakeRequest, path: string): Promise<FakeResponse> {
  const ref = request.query.get("ref") ?? "HEAD";
  const commit = await ctx.repo.resolve(ref);
  const entry = commit ? await ctx.repo.entryAt(commit, path) : null;
  if (!commit || !entry) return apiError(404, "Not Found");
  const url = repoUrl(ctx.site);
  const describe = (name: string, itemPath: string, type: string, oid: string, size: number): Record<string, unknown> => ({
    type,
    size,
    name,
    path: itemPath,
    sha: oid,
    url: `${url}/contents/${encodeURI(itemPath)}?ref=${ref}`,
    git_url: type === "dir" ? `${url}/git/trees/${oid}` : `${url}/git/blobs/${oid}`,
    html_url: null,
    download_url: type === "file" ? `${ctx.site.api}/raw/${ctx.site.owner}/${ctx.site.repo}/${ref}/${encodeURI(itemPath)}` : null,
  });
  if (entry.type === "tree") {
    const listed = await ctx.repo.list(entry.oid, false);
    return {
      status: 200,
      body: listed.map((e) => {
        const type = e.type === "tree" ? "dir" : e.type === "commit" ? "submodule" : e.mode === "120000" ? "symlink" : "file";
        return describe(e.path, path ? `${path}/${e.path}` : e.path, type, e.oid, e.size ?? 0);
      }),
    };
  }
  if (entry.type === "commit") return { status: 200, body: { ...describe(entry.name, path, "submodule", entry.oid, 0), submodule_git_url: null } };
  const bytes = (await ctx.repo.blob(entry.oid)) ?? Buffer.alloc(0);
  if (entry.mode === "120000") return { status: 200, body: { ...describe(entry.name, path, "symlink", entry.oid, bytes.length), target: bytes.toString("utf8") } };
  if (wantsRaw(request)) {
    if (bytes.length > ctx.limits.blobBytes) return apiError(403, "This API returns blobs up to 100 MB in size.");
    return { status: 200, raw: bytes, contentType: "application/vnd.github.raw" };
  }
  const small = bytes.length <= ctx.limits.contentsBytes;
  return { status: 200, body: { ...describe(entry.name, path, "file", entry.oid, bytes.length), encoding: small ? "base64" : "none", content: small ? base64Lines(bytes) : "" } };
}
