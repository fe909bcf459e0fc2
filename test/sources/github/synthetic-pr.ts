import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TestRepo } from "../../support/git-repo.js";
import { generateSshKey } from "../../support/ssh.js";

/** A pull request of `commits` commits that together change `files` manifests, on a realistic Flux layout. */
export interface SyntheticPr {
  repo: TestRepo;
  base: string;
  head: string;
  /** The manifest paths the pull request changes. */
  paths: string[];
  dispose(): void;
}

/** `clusters/<env>/<tenant>/<app>/<n>.yaml`: four directory levels, the shape of a Flux fleet repository. */
export function manifestPath(i: number): string {
  const env = ["production", "staging"][i % 2];
  const tenant = `team-${Math.floor(i / 2) % 10}`;
  const app = `app-${Math.floor(i / 20) % 15}`;
  return `clusters/${env}/${tenant}/${app}/deploy-${Math.floor(i / 300)}-${i}.yaml`;
}

function manifest(i: number, revision: number): string {
  return [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    `  name: app-${i}`,
    `  namespace: team-${Math.floor(i / 2) % 10}`,
    "spec:",
    `  replicas: ${1 + (revision % 3)}`,
    "  template:",
    "    spec:",
    "      containers:",
    `        - name: app-${i}`,
    `          image: registry.example.com/app-${i}:1.${revision}.0`,
    "",
  ].join("\n");
}

/**
 * Base: `files + extra` manifests. Head: `commits` commits, signed with a real ssh key, each changing its share of the
 * `files` manifests (every manifest changed once), so the PR is exactly `commits` commits and `files` files.
 */
export function buildSyntheticPr(commits: number, files: number, extra = 50): SyntheticPr {
  const keyDir = mkdtempSync(join(tmpdir(), "fw-ssh-"));
  const ssh = generateSshKey(keyDir, "dev");
  const repo = TestRepo.create();
  const total = files + extra;
  const all: Record<string, string> = {};
  for (let i = 0; i < total; i += 1) all[manifestPath(i)] = manifest(i, 0);
  all[".github/flux-warden.yml"] = "version: 1\n";
  const base = repo.writeAll(all).commit("base");
  repo.checkout("change", true);
  const paths = Array.from({ length: files }, (_, i) => manifestPath(i));
  for (let c = 0; c < commits; c += 1) {
    const from = Math.floor((c * files) / commits);
    const to = Math.floor(((c + 1) * files) / commits);
    for (let i = from; i < to; i += 1) repo.write(manifestPath(i), manifest(i, c + 1));
    repo.commit(`change ${c + 1}/${commits}`, { ssh }, { allowEmpty: from === to });
  }
  return { repo, base, head: repo.rev("HEAD"), paths, dispose: () => (repo.dispose(), rmSync(keyDir, { recursive: true, force: true })) };
}
