import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/report/junit.js';
import { HOSTILE_REPLAY, HOSTILE_SUITE, syntheticResults } from './fixture.js';
import { descendants, parseXml } from './tiny-xml.js';

describe('junit.xml', () => {
  const results = syntheticResults();
  const root = parseXml(renderJunit(results));
  const testcases = descendants(root, 'testcase');

  it('is well formed and counts one testcase per case, per power check, per targeted search and per regression', () => {
    expect(root.name).toBe('testsuites');
    const powerChecks = results.properties.filter((p) => p.power !== null).length;
    const expected = results.cases.length + powerChecks + results.targets.length + results.regressions.length;
    expect(testcases).toHaveLength(expected);
    expect(root.attributes.tests).toBe(String(expected));
    for (const suite of descendants(root, 'testsuite')) expect(suite.attributes.tests).toBe(String(descendants(suite, 'testcase').length));
  });

  it('names cases by kind/index and label, classed by property', () => {
    const violated = testcases.find((t) => t.attributes.name.startsWith('case/6 '));
    expect(violated?.attributes.classname).toBe('envelope-qsc');
    expect(violated?.attributes.name).toBe(`case/6 ${results.cases[6].label}`);
  });

  it('fails violated cases (not power cases) with theorem, ratio, where and the replay string, escaped', () => {
    const failures = testcases.filter((t) => t.children.some((c) => c.name === 'failure'));
    const violatedCase = failures.find((t) => t.attributes.name.startsWith('case/6 '));
    const failure = violatedCase?.children[0];
    expect(failure?.attributes.message).toBe('envelope-qsc violated: ratio 3.5 at k=5 <trial 2>');
    expect(failure?.text).toContain(`replay: ${HOSTILE_REPLAY}`);
    expect(failure?.text).toContain('shrunk replay: rc1:envelope-qsc:case:shrunk<1>');
    expect(failures.some((t) => t.attributes.name.startsWith('power/'))).toBe(false);
    const powerCheck = testcases.find((t) => t.attributes.classname === 'lemma1' && t.attributes.name.startsWith('power check'));
    expect(powerCheck?.children[0]?.name).toBe('failure');
    const passingPowerCheck = testcases.find((t) => t.attributes.classname === 'envelope-qsc' && t.attributes.name.startsWith('power check'));
    expect(passingPowerCheck?.children).toEqual([]);
    expect(root.attributes.failures).toBe('3');
  });

  it('reports errors and skips', () => {
    const error = testcases.find((t) => t.attributes.name.startsWith('case/3 ') && t.attributes.classname === 'lemma1');
    expect(error?.children[0]?.name).toBe('error');
    expect(error?.children[0]?.attributes.message).toBe('worker died: <signal & abort>');
    const skipped = testcases.find((t) => t.attributes.name.startsWith('case/4 ') && t.attributes.classname === 'lemma1');
    expect(skipped?.children[0]?.name).toBe('skipped');
    expect(root.attributes.errors).toBe('1');
    expect(root.attributes.skipped).toBe('1');
  });

  it('keeps the suite name and control characters well formed', () => {
    const nasty = syntheticResults({ suite: `${HOSTILE_SUITE}\u0001\u001b[31m\uD800 & "quotes"\nline` });
    const parsed = parseXml(renderJunit(nasty));
    expect(parsed.attributes.name).toContain('<script>alert(1)</script>\uFFFD\uFFFD[31m\uFFFD & "quotes"\nline');
  });
});

describe('the test parser', () => {
  it.each(['<a><b></a>', '<a>&</a>', '<a>\u0001</a>', '<a x="1" x="2"/>', '<a>1 < 2</a>', '<a/><b/>', '<a>'])('rejects %j', (text) => {
    expect(() => parseXml(text)).toThrow();
  });
});
