import { PolicyError } from "../policy/load-policy.js";
import { checkCommand, CHECK_USAGE } from "./check-command.js";
import { auditCommand } from "./audit-command.js";
import { UsageError, type CliIO } from "./cli-io.js";
import { VERSION } from "../version.js";

const USAGE = `flux-warden ${VERSION}: a commit gate for Flux CD manifests repositories

Commands:
  check     evaluate base..head of a local git repository (see: flux-warden check --help)
  audit     query, export and verify the decision log (see: flux-warden audit --help)
  version   print the version

${CHECK_USAGE}`;

/**
 * The CLI entry: never throws, never prints a stack trace for an expected problem. Exit 0 success, 1 blocking findings,
 * 2 could not evaluate (usage, unreadable repository, invalid policy) with the reason on stderr.
 */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "check":
        return await checkCommand(rest, io);
      case "audit":
        return await auditCommand(rest, io);
      case "version":
      case "--version":
        io.stdout.write(`${VERSION}\n`);
        return 0;
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    io.stderr.write(`flux-warden: ${describeError(error)}\n`);
    return 2;
  }
}

function describeError(error: unknown): string {
  if (error instanceof UsageError) return `${error.message}\n\n${USAGE}`;
  if (error instanceof PolicyError) return `${error.message}\nFix the policy on the base branch (or pass --policy FILE to try a fixed one).`;
  if (isNodeArgError(error)) return `${error.message}\n\n${USAGE}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

function isNodeArgError(error: unknown): error is Error {
  return error instanceof Error && "code" in error && String((error as { code: unknown }).code).startsWith("ERR_PARSE_ARGS");
}
