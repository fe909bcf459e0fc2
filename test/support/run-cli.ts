import { main } from "../../src/cli/main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as `flux-warden …` in `cwd` would, capturing its output. */
export async function runCli(args: string[], cwd: string, options: { now?: Date; env?: Record<string, string> } = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { ...options.env },
    cwd,
    isTTY: false,
    now: () => options.now ?? new Date(),
  });
  return { code, stdout, stderr };
}
