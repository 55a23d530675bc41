#!/usr/bin/env node
import { BACKENDS } from '../backends/index.js';
import { choleskyKernel } from '../linalg/cholesky.js';
import { readFileSync } from 'node:fs';

/** A mistake in how ratecheck was called: one line on stderr, exit code 2. */
class UsageError extends Error {}

const USAGE = `usage: ratecheck <command> [options]

commands:
  run      check a suite of properties and write a report (not available yet)
  list     list what this build provides (backends, linear-algebra kernels)
  help     show this text

options:
  -h, --help     show help for a command
  -v, --version  print the version`;

const COMMAND_HELP: Record<string, string> = {
  run: `usage: ratecheck run [--suite NAME]

Checks a suite of properties and writes reports/<run-id>/index.html.
No suites exist in this build yet: the command says so and exits with code 2.`,
  list: `usage: ratecheck list [--json]

Lists the arithmetic backends and the Cholesky kernel in use.`,
  help: USAGE,
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function parseFlags(args: readonly string[], known: readonly string[]): Set<string> {
  const flags = new Set<string>();
  for (const a of args) {
    if (!known.includes(a)) throw new UsageError(`unknown ${a.startsWith('-') ? 'option' : 'argument'} '${a}'`);
    flags.add(a);
  }
  return flags;
}

function list(args: readonly string[]): number {
  const flags = parseFlags(args, ['--json']);
  const kernel = choleskyKernel('auto').name;
  if (flags.has('--json')) {
    process.stdout.write(`${JSON.stringify({ backends: BACKENDS, choleskyKernel: kernel })}\n`);
    return 0;
  }
  process.stdout.write('backends:\n');
  for (const b of BACKENDS) {
    process.stdout.write(`  ${b.name.padEnd(8)} ${b.precision.padEnd(32)} ${b.available ? '' : '(unavailable) '}${b.description}\n`);
  }
  process.stdout.write(`cholesky kernel: ${kernel}\n`);
  return 0;
}

function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '-h' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (!(command in COMMAND_HELP)) throw new UsageError(`unknown command '${command}' (try: ratecheck help)`);
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(`${COMMAND_HELP[command]}\n`);
    return 0;
  }
  switch (command) {
    case 'list':
      return list(rest);
    case 'run':
      process.stderr.write('ratecheck: no suites yet: this build provides the linear-algebra core and backends only\n');
      return 2;
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`ratecheck: ${e instanceof UsageError ? '' : 'internal error: '}${message}\n`);
  process.exitCode = 2;
}
