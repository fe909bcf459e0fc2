import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Starts a worker script of this folder (`kill-worker.ts` by default) and resolves once it printed a line starting
 * with `signal` (it is then mid-job).
 */
export function spawnKillWorker(args: string[], signal: string, script = "kill-worker.ts"): Promise<ChildProcess> {
  const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", path, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.split("\n").some((line) => line.startsWith(signal))) resolve(child);
    });
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code, sig) => reject(new Error(`worker exited (${code ?? sig}) before "${signal}": ${err}`)));
  });
}

/** SIGKILL, as the kernel's OOM killer or a node failure would: no handler runs, nothing is flushed. */
export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}
