import { accessSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { caseHash } from '../../harness/case-hash.js';
import { type CaseJob, caseKey } from '../../harness/case-job.js';
import { type CaseDetail, caseDetail, type JudgedRun, judgingTheorems } from '../../harness/case-detail.js';
import { renderCaseReport } from '../../report/case-report.js';
import { propertyById } from '../../harness/property-lookup.js';
import { decodeReplay } from '../../harness/replay-string.js';
import { toJson } from '../../harness/results-io.js';
import { errorCase, runCase } from '../../harness/run-case.js';
import { optionalValue, parseOptions } from '../options.js';
import type { CaseResult } from '../../harness/results.js';
import { InputError } from '../../input-error.js';
import { type Scenario, scenarioLabel } from '../../scenarios/scenario.js';
import { SOLVER_PROCESS_ID } from '../../solver-process/process-method.js';
import { SolverFault } from '../../solver-process/solver-fault.js';
import { formatName } from '../../problems/instance.js';
import { familyById } from '../../problems/registry.js';
import { isUserFamily, registerProblemSources } from '../../harness/suite-problems.js';
import { suiteFileProblems } from '../../harness/suite-source.js';

export const REPLAY_HELP = `usage: ratecheck replay '<replay string>' [--json] [--html [PATH]] [--problems SUITE_FILE]

Reruns one case from the replay string a report or a failing run printed (rc1:…), bit for bit, and
prints its verdicts with every digit of the worst ratios and the trace digest (equal digests: the same
trajectory). Exit code 1 when the case is a violation (for a power case: 0 when the defect is caught).

A case of a solver process (ratecheck run --solver-cmd) runs the command its string carries. A case
on a problem a suite file brought (instance user:<id>) needs that suite file, whose problems are
loaded and verified again before the case runs (the run prints the command with it).

  --json                 the case result as one JSON object (the results.json schema)
  --html [PATH]          also write the case as one self-contained HTML page: its trajectories with
                         the bounds drawn on them and its trial log (default
                         reports/replay-<case hash>/index.html); prints where (on stderr with --json)
  --solver-cmd CMD       run this command instead on the same case (e.g. a fixed build of the solver)
  --problems SUITE_FILE  load the user problems this suite file names (its "problems")`;

/** the scenario with its solver process's command replaced by `command` */
function withCommand(s: Scenario, command: string | undefined): Scenario {
  if (command === undefined) return s;
  if (s.method?.id !== SOLVER_PROCESS_ID) throw new InputError('--solver-cmd: this case does not run a solver process');
  if (command.trim() === '') throw new InputError('--solver-cmd must name a command');
  return { ...s, method: { ...s.method, options: { ...s.method.options, command } } };
}

/** the user problems of `--problems`, registered; a case on a user problem that is not among them is bad input (never a skip) */
async function loadProblems(scenario: Scenario, suiteFile: string | undefined): Promise<void> {
  if (suiteFile !== undefined) await registerProblemSources(suiteFileProblems(suiteFile));
  const family = scenario.instance.family;
  if (!isUserFamily(family) || familyById(family)) return;
  const name = formatName(scenario.instance);
  if (suiteFile === undefined) throw new InputError(`replay string: the instance ${name} is a user problem a suite file brought: replay it with --problems <that suite file>`);
  throw new InputError(`replay string: the instance ${name} is not among the problems of ${suiteFile}`);
}

/** an argument that is a replay string, never the path of --html */
const REPLAY_STRING = /^rc\d+:/;

/** The path of `--html` (default: reports/replay-<case hash>/index.html), its folder created and checked writable before the case runs. */
function htmlPath(given: string, job: CaseJob): string {
  const path = given === '' ? join('reports', `replay-${caseHash(job.property, job.kind, job.scenario, job.backend)}`, 'index.html') : given;
  try {
    mkdirSync(dirname(path), { recursive: true });
    accessSync(dirname(path), constants.W_OK);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(`--html: ${path} is a folder; name the file to write`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`--html: cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return path;
}

function writeCaseReport(path: string, detail: CaseDetail): void {
  try {
    writeFileSync(path, renderCaseReport(detail));
  } catch (e) {
    throw new InputError(`--html: cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export async function replay(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    optionalValue(args, '--html', (next) => !REPLAY_STRING.test(next)),
    { json: { type: 'boolean' }, html: { type: 'string' }, 'solver-cmd': { type: 'string' }, problems: { type: 'string' } },
    { min: 1, max: 1, what: 'replay string' },
  );
  const target = decodeReplay(positionals[0]);
  propertyById(target.property);
  const scenario = withCommand(target.scenario, values['solver-cmd']);
  await loadProblems(scenario, values.problems);
  const job: CaseJob = { key: caseKey(target.property, target.kind, 0), property: target.property, kind: target.kind, index: 0, scenario, backend: 'cpu', keepTrace: false, shrink: false };
  const html = values.html === undefined ? undefined : htmlPath(values.html, job);
  /** writes the page when --html asks for it, and says where */
  const picture = (detail: () => CaseDetail): void => {
    if (html === undefined) return;
    writeCaseReport(html, detail());
    (values.json ? process.stderr : process.stdout).write(`report: ${html}\n`);
  };
  let result: CaseResult;
  let ran: JudgedRun | null = null;
  try {
    result = runCase(job, undefined, (run, verdicts) => {
      if (html !== undefined) ran = { run, verdicts };
    });
  } catch (e) {
    if (!(e instanceof SolverFault)) throw e;
    if (values.json) process.stdout.write(`${toJson({ property: target.property, kind: target.kind, label: scenarioLabel(scenario), status: 'error', reason: e.message })}\n`);
    else process.stdout.write(`${target.property} (${target.kind}): ${scenarioLabel(scenario)}\nstatus: error (${e.message})\n`);
    picture(() => ({ result: errorCase(job, e.message, 0), theorems: judgingTheorems(job.property, job.kind), run: null, note: 'The solver process broke the protocol: a run that ends in a fault keeps no iteration records, so there is nothing to draw.' }));
    return 1;
  }
  if (values.json) process.stdout.write(`${toJson(result)}\n`);
  else {
    const lines = [`${result.property} (${result.kind}): ${result.label}`, `status: ${result.status}${result.reason ? ` (${result.reason})` : ''}`];
    for (const [id, v] of Object.entries(result.verdicts)) {
      lines.push(`  ${id}: ${v.status}${v.status === 'not-applicable' ? ` — ${v.note ?? ''}` : `, worst ratio ${v.worstRatio.toPrecision(17)} at ${v.where}`}`);
    }
    lines.push(`iterations: ${result.iterations ?? '—'}, solver status: ${result.solverStatus ?? '—'}`, `digest: ${result.digest ?? '—'}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  picture(() => caseDetail(result, ran));
  const judged = result.kind !== 'power';
  return (judged && result.status === 'violated') || result.status === 'error' ? 1 : 0;
}
