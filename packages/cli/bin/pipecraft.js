#!/usr/bin/env node
// The `pipecraft` binary: the only place that touches the real process. Everything else is
// in main(), which takes its input and output as arguments.
import { main } from "../dist/main.js";

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
