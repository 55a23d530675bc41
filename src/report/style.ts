import { Markup } from './markup.js';

/** The report's stylesheet, inlined into index.html so that the file stands alone. */
export const STYLE = new Markup(`
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; color: #222; line-height: 1.4; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin-top: 1.6rem; }
nav a { margin-right: 0.8rem; }
code, pre { font-family: ui-monospace, monospace; font-size: 0.85em; word-break: break-all; white-space: pre-wrap; }
div.statement { background: #f6f6f6; padding: 0.5rem 0.8rem; border-left: 3px solid #999; margin: 0.6rem 0; overflow-x: auto; }
div.statement math, div.statement mtd { font-size: 1.15em; math-style: normal; }
div.statement mtd { font-size: 1em; }
math { font-family: math, 'STIX Two Math', 'Cambria Math', 'Latin Modern Math', serif; }
div.statement.unrendered pre { margin: 0; }
.note { color: #8a6d00; font-size: 0.9em; margin: 0.3rem 0 0; }
nav.toc { margin: 0.8rem 0 1rem; padding: 0.4rem 0.8rem; border: 1px solid #ddd; background: #fafafa; }
nav.toc > ol { display: flex; flex-wrap: wrap; gap: 0.2rem 1.4rem; margin: 0; padding: 0; list-style: none; }
nav.toc > ol > li.with-children { flex-basis: 100%; }
nav.toc ol.toc-children { columns: 5 12em; column-gap: 1.5rem; padding-left: 1.2rem; margin: 0.2rem 0 0.3rem; font-size: 0.85rem; list-style: none; }
details.run-facts { margin: 0.4rem 0 1rem; }
details.run-facts > summary { cursor: pointer; color: #345; }
nav.toc ol.toc-children li { break-inside: avoid; }
table#summary td.theorem-name { min-width: 16em; max-width: 30em; }
table#summary td.theorem-name .title { display: block; font-size: 0.8rem; color: #555; }
table#summary th.group { text-align: center; }
table#summary td.num { white-space: nowrap; }
table#summary td.none { color: #999; text-align: center; }
table#summary thead tr:last-child th { font-size: 0.8rem; font-weight: 600; }
table#summary th[title] { cursor: help; }
.tag { display: inline-block; margin-left: 0.4em; padding: 0 0.35em; border-radius: 3px; background: #e6eef8; color: #234; font-size: 0.8em; }
section.theorem { border-top: 1px solid #e5e5e5; }
section.theorem h3 { margin-bottom: 0.3rem; }
p.glance, p.tightness { margin: 0.35rem 0; }
a.derivation { white-space: nowrap; }
details.theorem-detail, details.by-family, details.method-families { margin: 0.4rem 0; }
details.theorem-detail > summary, details.by-family > summary { cursor: pointer; color: #345; }
table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
div.wide { overflow-x: auto; }
details.replay summary { cursor: pointer; white-space: nowrap; }
details.method-families summary { cursor: pointer; }
table.by-method td.num, table.by-method tbody td:first-child { white-space: nowrap; }
details.replay code { display: block; max-width: 24em; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.holds { background: #dff3e4; }
td.violated, tr.bad td { background: #fbe0dc; }
td.na { background: #f3f3f3; color: #777; }
td.outside { background: #fdf3d6; }
dl.run { display: grid; grid-template-columns: max-content minmax(0, 1fr) max-content minmax(0, 1fr); gap: 0.15rem 1rem; font-size: 0.9rem; }
dl.run dt { font-weight: 600; }
dl.run dd { margin: 0; }
.banner { display: inline-block; font-size: 1.4rem; font-weight: 700; padding: 0.3rem 1.2rem; border-radius: 4px; margin: 0.6rem 0; }
.banner.pass { background: #1b7f3b; color: #fff; }
.banner.fail { background: #b3261e; color: #fff; }
.banner.incomplete { background: #8a6d00; color: #fff; }
.partial { color: #b3261e; font-weight: 600; }
.violation { border: 1px solid #e0b4ae; border-left: 4px solid #b3261e; padding: 0.3rem 0.8rem; margin: 0.8rem 0; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
svg.chart { max-width: 100%; height: auto; border: 1px solid #e5e5e5; background: #fff; }
.charts > svg.chart { flex: 1 1 460px; max-width: 640px; }
`);
