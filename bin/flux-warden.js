#!/usr/bin/env node
import { main } from "../lib/cli/main.js";

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
  now: () => new Date(),
});
process.exitCode = code;
