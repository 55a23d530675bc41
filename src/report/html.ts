import type { Results } from '../harness/results.js';
import { html } from './markup.js';
import { gammaSection } from './sections/gamma-section.js';
import { headerSection } from './sections/header.js';
import { methodsSection } from './sections/methods-section.js';
import { paperRunsSection } from './sections/paper-runs.js';
import { profilesSection } from './sections/profiles-section.js';
import { propertiesTable } from './sections/properties-table.js';
import { regressionsSection } from './sections/regressions.js';
import { summaryTable } from './sections/summary-table.js';
import { targetsSection } from './sections/targets-table.js';
import { theoremSections } from './sections/theorem-sections.js';
import { violationsSection } from './sections/violations.js';
import { STYLE } from './style.js';

/** The run as one self-contained HTML page: inline CSS and SVG, no scripts, nothing fetched. */
export function renderReport(results: Results): string {
  const regressions = regressionsSection(results);
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
<nav><a href="#summary-heading">summary</a><a href="#methods">methods</a><a href="#properties">properties</a><a href="#violations">violations</a><a href="#theorems">theorems</a><a href="#gamma">γ traces</a><a href="#targets">targeted search</a><a href="#profiles">solver comparison</a>${regressions && html`<a href="#regressions">regressions</a>`}</nav>
<main>
${regressions}
${summaryTable(results)}
${methodsSection(results)}
${propertiesTable(results)}
${violationsSection(results)}
${theoremSections(results)}
${gammaSection(results)}
${targetsSection(results)}
${profilesSection(results)}
${paperRunsSection(results)}
</main>
</body>
</html>
`.text;
}
