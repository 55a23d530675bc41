import type { CaseResult, PropertySummary, Results } from '../harness/results.js';
import { escapeXmlAttribute as attr, escapeXmlText as text } from './escape.js';
import { formatNumber } from './format.js';
import { powerVerdictText } from '../harness/power-judgement.js';
import { failsGate } from '../theory/verdict.js';

/** One <testcase> and its outcome (null: passed). */
interface TestCase {
  readonly classname: string;
  readonly name: string;
  readonly seconds: number;
  readonly outcome: { readonly kind: 'failure' | 'error'; readonly message: string; readonly details: string } | { readonly kind: 'skipped'; readonly message: string } | null;
}

const seconds = (s: number | null): string => (typeof s === 'number' && Number.isFinite(s) ? s.toFixed(3) : '0');

function violationDetails(c: CaseResult): { message: string; details: string } {
  const violated = Object.entries(c.verdicts).filter(([, v]) => failsGate(v));
  const message = violated.map(([id, v]) => `${id} violated: ratio ${formatNumber(v.worstRatio)}${v.where === null ? '' : ` at ${v.where}`}`).join('; ') || 'violated';
  const lines = [
    `property: ${c.property}`,
    `case: ${c.label}`,
    ...violated.map(([id, v]) => `theorem ${id}: worst ratio ${formatNumber(v.worstRatio)}, where ${v.where ?? '-'}, slack ${v.slack}`),
    `replay: ${c.replay}`,
    ...(c.shrunk ? [`shrunk: ${c.shrunk.summary}`, `shrunk replay: ${c.shrunk.replay}`] : []),
  ];
  return { message, details: lines.join('\n') };
}

function caseTest(c: CaseResult): TestCase {
  const base = { classname: c.property, name: `${c.kind}/${c.index} ${c.label}`, seconds: c.seconds };
  if (c.status === 'error') return { ...base, outcome: { kind: 'error', message: c.reason ?? 'error', details: `replay: ${c.replay}` } };
  if (c.status === 'skipped') return { ...base, outcome: { kind: 'skipped', message: c.reason ?? 'skipped' } };
  if (c.status === 'violated' && c.kind !== 'power') return { ...base, outcome: { kind: 'failure', ...violationDetails(c) } };
  return { ...base, outcome: null };
}

function powerTest(p: PropertySummary): TestCase | null {
  const power = p.power;
  if (!power) return null;
  const summary = powerVerdictText(power);
  return {
    classname: p.id,
    name: `power check: ${power.description}`,
    seconds: 0,
    outcome: power.ok ? null : { kind: 'failure', message: `power check failed: ${summary}`, details: `theorem ${power.theorem}: ${summary}` },
  };
}

function testCaseXml(t: TestCase): string {
  const open = `    <testcase classname="${attr(t.classname)}" name="${attr(t.name)}" time="${seconds(t.seconds)}"`;
  const o = t.outcome;
  if (o === null) return `${open}/>`;
  if (o.kind === 'skipped') return `${open}>\n      <skipped message="${attr(o.message)}"/>\n    </testcase>`;
  return `${open}>\n      <${o.kind} message="${attr(o.message)}" type="${o.kind === 'failure' ? 'violation' : 'error'}">${text(o.details)}</${o.kind}>\n    </testcase>`;
}

/** the tests, failures, errors and skipped attributes */
function counts(tests: readonly TestCase[]): string {
  const count = (kind: string) => tests.filter((t) => t.outcome?.kind === kind).length;
  return `tests="${tests.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}"`;
}

function suiteXml(name: string, tests: readonly TestCase[]): string {
  const time = tests.reduce((s, t) => s + (Number.isFinite(t.seconds) ? t.seconds : 0), 0);
  return `  <testsuite name="${attr(name)}" ${counts(tests)} time="${seconds(time)}">\n${tests.map(testCaseXml).join('\n')}\n  </testsuite>`;
}

/**
 * JUnit XML for CI: a <testsuite> per property with a <testcase> per case and one for its power
 * check, then one testcase per targeted search and per baseline regression, so that the file
 * fails exactly when the run exits with code 1.
 */
export function renderJunit(r: Results): string {
  const byProperty = new Map<string, TestCase[]>();
  const testsOf = (property: string): TestCase[] => {
    const tests = byProperty.get(property) ?? [];
    byProperty.set(property, tests);
    return tests;
  };
  for (const c of r.cases) testsOf(c.property).push(caseTest(c));
  for (const p of r.properties) {
    const power = powerTest(p);
    if (power) testsOf(p.id).push(power);
  }
  const suites = [...byProperty].map(([property, tests]) => ({ name: `${r.config.suite}.${property}`, tests }));
  if (r.targets.length > 0) {
    suites.push({
      name: `${r.config.suite}.targeted-search`,
      tests: r.targets.map((t) => ({
        classname: t.property,
        name: `targeted search: ${t.theorem}`,
        seconds: 0,
        outcome: t.error ? { kind: 'error', message: t.error, details: `targeted search for ${t.theorem} did not finish: ${t.error}` } : null,
      })),
    });
  }
  if (r.regressions.length > 0) {
    suites.push({
      name: `${r.config.suite}.baseline`,
      tests: r.regressions.map((g) => ({
        classname: 'baseline',
        name: `${g.key}: ${g.what}`,
        seconds: 0,
        outcome: { kind: 'failure', message: `regression: ${g.what}`, details: `baseline ${String(g.baseline)}, now ${String(g.now)}` },
      })),
    });
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="${attr(`ratecheck ${r.config.suite} ${r.runId}`)}" ${counts(suites.flatMap((s) => s.tests))} time="${seconds(r.seconds)}">
${suites.map((s) => suiteXml(s.name, s.tests)).join('\n')}
</testsuites>
`;
}
