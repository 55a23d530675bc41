import { Markup } from './markup.js';

/** The report's stylesheet, inlined into index.html so that the file stands alone. */
export const STYLE = new Markup(`
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; color: #222; line-height: 1.4; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin-top: 1.6rem; }
nav a { margin-right: 0.8rem; }
code, pre { font-family: ui-monospace, monospace; font-size: 0.85em; word-break: break-all; white-space: pre-wrap; }
pre.statement { background: #f6f6f6; padding: 0.5rem; border-left: 3px solid #999; }
table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
div.wide { overflow-x: auto; }
details.replay summary { cursor: pointer; white-space: nowrap; }
details.method-families summary { cursor: pointer; }
table.by-method td.num, table.by-method tbody td:first-child { white-space: nowrap; }
details.replay code { display: block; width: 32em; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.holds { background: #dff3e4; }
td.violated, tr.bad td { background: #fbe0dc; }
td.na { background: #f3f3f3; color: #777; }
td.outside { background: #fdf3d6; }
dl.run { display: grid; grid-template-columns: max-content auto; gap: 0.15rem 1rem; }
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
