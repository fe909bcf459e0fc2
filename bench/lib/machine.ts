import { execFileSync, spawnSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";

/** The facts a reader needs to compare figures: the machine, the tools' versions, the load when measured. */
export interface Machine {
  nproc: number;
  cpu: string;
  ramGb: number;
  node: string;
  git: string;
  gpg: string;
  ssh: string;
  postgres: string;
  loadavg: number[];
}

/** A tool's version line: from stdout, or stderr for tools that print it there (`ssh -V`). */
function version(command: string, args: string[], pick: (out: string) => string): string {
  const run = spawnSync(command, args, { encoding: "utf8" });
  const out = `${run.stdout ?? ""}`.trim() || `${run.stderr ?? ""}`.trim();
  return run.error || !out ? "not found" : pick(out);
}

export function describeMachine(): Machine {
  return {
    nproc: Number(execFileSync("nproc", { encoding: "utf8" }).trim()),
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    ramGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    git: version("git", ["--version"], (o) => o.trim().replace(/^git version /, "")),
    gpg: version("gpg", ["--version"], (o) => o.split("\n")[0]!.replace(/^gpg \(GnuPG\) /, "")),
    ssh: version("ssh", ["-V"], (o) => o.trim().split(",")[0]!),
    postgres: version("psql", ["--version"], (o) => o.trim().replace(/^psql \(PostgreSQL\) /, "")),
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
