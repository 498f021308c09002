/**
 * The report's inline stylesheet: readable on screen, and on paper A4 or Letter with tables that
 * do not split rows across pages and digests that wrap instead of running off the page.
 */
export const REPORT_STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1b1b; background: #fff; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
header { border-bottom: 3px solid #1b1b1b; margin-bottom: 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #999; padding-bottom: .15rem; margin-top: 1.75rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .35rem; }
.id, code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85em; }
.id, .as-of { margin: .15rem 0; }
.as-of { color: #444; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 .75rem; }
th, td { border: 1px solid #bbb; padding: .25rem .45rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f0f0f0; font-weight: 600; }
table.facts th { width: 16rem; }
.nowrap { white-space: nowrap; }
.digest { word-break: break-all; }
.param { display: inline-block; margin-right: .6rem; }
.param .k { color: #555; }
td.ok { color: #1b5e20; }
td.bad { color: #b71c1c; font-weight: 700; }
figure.plan { margin: .5rem 0; }
figure.plan svg { max-width: 100%; height: auto; border: 1px solid #999; background: #fafaf7; }
figcaption { font-size: .85rem; color: #333; margin-top: .35rem; }
.land { fill: #fafaf7; }
.border-line { fill: none; stroke: #b71c1c; stroke-width: 2.5; stroke-dasharray: 9 5; }
.trail { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
.latest { stroke: #fff; stroke-width: 1.5; }
.pilot { fill: #fff; stroke: #1b1b1b; stroke-width: 2; }
.takeoff { fill: #ffeb3b; stroke: #1b1b1b; stroke-width: 1.5; }
.event { fill: none; stroke: #1b1b1b; stroke-width: 1.5; }
.tag { font: 600 12px system-ui, sans-serif; fill: #1b1b1b; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.scale line { stroke: #1b1b1b; stroke-width: 3; }
.scale text, .side-label { font: 12px system-ui, sans-serif; fill: #333; paint-order: stroke; stroke: #fafaf7; stroke-width: 3px; }
.side-label { font-weight: 600; text-transform: uppercase; letter-spacing: .05em; }
.legend { display: block; margin-bottom: .25rem; }
.key { display: inline-block; width: 1.4em; height: .8em; margin: 0 .3em 0 .8em; vertical-align: middle; }
.key:first-child { margin-left: 0; }
.k-border { border-top: 3px dashed #b71c1c; height: 0; }
.k-trail { border-top: 2px solid #6a1b9a; height: 0; }
.k-latest { width: .8em; border-radius: 50%; background: #6a1b9a; }
.k-pilot { width: .8em; border: 2px solid #1b1b1b; background: #fff; }
.k-takeoff { width: .8em; background: #ffeb3b; border: 1px solid #1b1b1b; }
.k-event { width: .7em; height: .7em; border-radius: 50%; border: 1.5px solid #1b1b1b; }
footer { margin-top: 2rem; border-top: 1px solid #999; font-size: .85rem; color: #333; }
ul.digests { padding-left: 1.2rem; }
@media print {
  @page { margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  tr, figure.plan { break-inside: avoid; }
  thead { display: table-header-group; }
  figure.plan svg { border-color: #000; }
  th { background: #e8e8e8; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .border-line, .trail, .latest, .takeoff, .key { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`.trim();
