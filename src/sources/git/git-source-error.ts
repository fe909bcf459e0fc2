/**
 * Why the local repository could not be read, phrased for the person running the command: what git said (its
 * stderr line, when there is one) and what to do about it. The CLI prints `message` and exits 2.
 */
export class GitSourceError extends Error {
  constructor(
    message: string,
    /** git's own stderr, trimmed; null when the failure did not come from a git process. */
    readonly stderr: string | null = null,
  ) {
    super(message);
    this.name = "GitSourceError";
  }
}
