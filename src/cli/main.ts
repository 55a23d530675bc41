#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { InstanceError } from '../problems/family.js';
import { ProblemFileError } from '../problems/files/problem-file-error.js';
import { SolverConfigurationError } from '../solvers/configuration-error.js';
import { LIST_HELP, list } from './commands/list.js';
import { SOLVE_HELP, solve } from './commands/solve.js';
import { UsageError } from './usage-error.js';

const USAGE = `usage: ratecheck <command> [options]

commands:
  run      check a suite of properties and write a report (not available yet)
  solve    run one method on one problem file and print its trace
  list     list what this build provides (families, methods, Hessian models, backends)
  help     show this text

  ratecheck <command> --help   shows a command's options
  -v, --version                prints the version`;

const RUN_HELP = `usage: ratecheck run [--suite NAME]

Checks a suite of properties and writes reports/<run-id>/index.html.
No suites exist in this build yet: the command says so and exits with code 2.`;

const COMMANDS: Record<string, { help: string; run: (args: readonly string[]) => number }> = {
  run: {
    help: RUN_HELP,
    run: () => {
      throw new UsageError('no suites yet: this build provides the linear algebra, problems, classes, Hessian models and solvers; `ratecheck solve FILE` runs one problem');
    },
  },
  solve: { help: SOLVE_HELP, run: solve },
  list: { help: LIST_HELP, run: list },
  help: { help: USAGE, run: () => (process.stdout.write(`${USAGE}\n`), 0) },
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (command === '-h' || command === '--help') return COMMANDS.help.run([]);
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const cmd = COMMANDS[command];
  if (!cmd) throw new UsageError(`unknown command '${command}' (try: ratecheck help)`);
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(`${cmd.help}\n`);
    return 0;
  }
  return cmd.run(rest);
}

/** Errors that are the caller's input, reported as one line with exit code 2. */
const INPUT_ERRORS = [UsageError, ProblemFileError, SolverConfigurationError, InstanceError];

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  const known = INPUT_ERRORS.some((cls) => e instanceof cls);
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`ratecheck: ${known ? '' : 'internal error: '}${message.split('\n')[0]}\n`);
  process.exitCode = 2;
}
