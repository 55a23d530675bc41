import type { Results } from '../harness/results.js';
import { isJudged } from '../harness/summarize.js';
import { hasGammaTrace } from './gamma-traces.js';
import { html, type Markup } from './markup.js';
import { compareSolvers } from './profiles.js';
import { gammaSection } from './sections/gamma-section.js';
import { headerSection, runFacts } from './sections/header.js';
import { methodsSection } from './sections/methods-section.js';
import { paperExperimentEntries, paperRunsSection } from './sections/paper-runs.js';
import { profilesSection } from './sections/profiles-section.js';
import { propertiesTable } from './sections/properties-table.js';
import { regressionsSection } from './sections/regressions.js';
import { relatedMethodsSection } from './sections/related-methods.js';
import { summaryTable } from './sections/summary-table.js';
import { targetsSection } from './sections/targets-table.js';
import { theoremEntries, theoremSections } from './sections/theorem-sections.js';
import { violationsSection } from './sections/violations.js';
import { coverageSection } from './sections/coverage-section.js';
import { STYLE } from './style.js';
import { headingEntry, type RenderedSection, tableOfContents, type TocEntry } from './toc.js';

export interface ReportOptions {
  /** the href of docs/theory.md from the report's folder (writeReport computes it); absent, derivations are named by their repository path */
  readonly theoryDoc?: string;
}

/**
 * A section of the report: `render` gives its markup for a run, opening with `<h2 id="…">title</h2>`
 * (the table of contents links there, with that title) — null or empty when the section has nothing
 * in this run, which then is neither shown nor listed.
 */
interface ReportSection {
  readonly render: (r: Results, options: ReportOptions) => Markup | null;
  /** links listed under the section's own in the table of contents */
  readonly children?: (r: Results) => TocEntry[];
}

/** The report's sections in page order: adding a section is one entry here. */
const SECTIONS: readonly ReportSection[] = [
  { render: regressionsSection },
  { render: (r) => (r.theorems.length > 0 ? summaryTable(r) : null) },
  { render: paperRunsSection, children: paperExperimentEntries },
  { render: (r) => (compareSolvers(r.profiles).length > 0 ? profilesSection(r) : null) },
  { render: (r) => (r.theorems.some((t) => t.byMethodFamily.length > 0) ? methodsSection(r) : null) },
  { render: relatedMethodsSection },
  { render: (r) => (r.properties.length > 0 ? propertiesTable(r) : null) },
  { render: (r) => (r.cases.some((c) => isJudged(c) || c.status === 'error') ? violationsSection(r) : null) },
  { render: (r, o) => theoremSections(r, o.theoryDoc), children: theoremEntries },
  { render: (r) => (r.cases.some((c) => isJudged(c) && hasGammaTrace(c)) ? gammaSection(r) : null) },
  { render: (r) => (r.targets.length > 0 ? targetsSection(r) : null) },
  { render: coverageSection },
];

function renderedSections(r: Results, options: ReportOptions): RenderedSection[] {
  return SECTIONS.flatMap((s) => {
    const markup = s.render(r, options);
    if (markup === null || markup.text.trim() === '') return [];
    return [{ markup, entry: headingEntry(markup), children: s.children?.(r) ?? [] }];
  });
}

/** The run as one self-contained HTML page: inline CSS, SVG and MathML, no scripts, nothing fetched. */
export function renderReport(results: Results, options: ReportOptions = {}): string {
  const sections = renderedSections(results, options);
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ratecheck ${results.config.suite}: ${results.runId}</title>
<style>${STYLE}</style>
</head>
<body>
${headerSection(results)}
${runFacts(results)}
${tableOfContents(sections)}
<main>
${sections.map((s) => s.markup)}
</main>
</body>
</html>
`.text;
}
