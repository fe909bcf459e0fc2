/** What the CLI touches of the outside world, passed in so tests can run it in-process. */
export interface CliIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  cwd: string;
  isTTY: boolean;
  now(): Date;
}

/** Bad usage: printed with the usage text, exit status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
