#!/usr/bin/env node
import { InputError } from '../input-error.js';
import { packageVersion } from '../package-root.js';
import { InstanceError } from '../problems/family.js';
import { ProblemFileError } from '../problems/files/problem-file-error.js';
import { FalseClaimError } from '../problems/user-problem.js';
import { SolverConfigurationError } from '../configuration-error.js';
import { BASELINE_HELP, baseline } from './commands/baseline.js';
import { LIST_HELP, list } from './commands/list.js';
import { MERGE_HELP, merge } from './commands/merge.js';
import { REPLAY_HELP, replay } from './commands/replay.js';
import { REPORT_HELP, report } from './commands/report.js';
import { RUN_HELP, run } from './commands/run.js';
import { SOLVE_HELP, solve } from './commands/solve.js';

const USAGE = `usage: ratecheck <command> [options]

commands:
  run       check a suite of properties and write a report (default suite ci)
  replay    rerun one case from its replay string
  report    rebuild a report from a results file
  baseline  write a baseline from a run, or compare a run with one
  merge     join the results of the shards of a run
  solve     run one method on one problem file and print its trace
  list      list what this build provides (theorems, properties, families, methods, Hessian models, backends, suites)
  help      show this text

  ratecheck <command> --help   shows a command's options
  -v, --version                prints the version`;

const COMMANDS: Record<string, { help: string; run: (args: readonly string[]) => number | Promise<number> }> = {
  run: { help: RUN_HELP, run },
  replay: { help: REPLAY_HELP, run: replay },
  report: { help: REPORT_HELP, run: report },
  baseline: { help: BASELINE_HELP, run: baseline },
  merge: { help: MERGE_HELP, run: merge },
  solve: { help: SOLVE_HELP, run: solve },
  list: { help: LIST_HELP, run: list },
  help: { help: USAGE, run: () => (process.stdout.write(`${USAGE}\n`), 0) },
};

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (command === '-h' || command === '--help') return COMMANDS.help.run([]);
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const cmd = COMMANDS[command];
  if (!cmd) throw new InputError(`unknown command '${command}' (try: ratecheck help)`);
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(`${cmd.help}\n`);
    return 0;
  }
  return cmd.run(rest);
}

/** Errors that are the caller's input, reported as one line with exit code 2. */
const INPUT_ERRORS = [InputError, ProblemFileError, SolverConfigurationError, InstanceError];

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof FalseClaimError) {
    // a user problem's false claims (a suite file's problems): one line per claim, exit 2
    process.stderr.write(message.split('\n').map((line) => `ratecheck: ${line}\n`).join(''));
  } else {
    const known = INPUT_ERRORS.some((cls) => e instanceof cls);
    process.stderr.write(`ratecheck: ${known ? '' : 'internal error: '}${message.split('\n')[0]}\n`);
  }
  process.exitCode = 2;
}
