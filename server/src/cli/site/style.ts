// The site's one stylesheet, inlined in every page (no file to lose, nothing to fetch). Screen
// and print: navigation chrome hides when printing, tables repeat their headers, sections avoid
// breaking inside a row, and colours print.
export const SITE_CSS = `
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6472; --line: #d9dee5; --soft: #f4f6f9; --accent: #1f4e79; --accent-soft: #e8eff7;
  --implemented: #2e7d32; --partial: #f0b429; --planned: #1e6fd9; --not-started: #d9534f; --excluded: #9aa1ab; --undecided: #8e5bb5; --not-addressed: #3a3f47; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
.site-header { background: var(--accent); color: #fff; }
.site-header .inner { max-width: 1180px; margin: 0 auto; padding: 10px 28px; display: flex; gap: 24px; align-items: center; flex-wrap: wrap; }
.site-header .brand { font-weight: 650; font-size: 16px; color: #fff; margin-right: auto; }
.site-header nav a { color: #dfe9f5; margin-left: 18px; font-size: 14px; } .site-header nav a:hover, .site-header nav a[aria-current] { color: #fff; text-decoration: underline; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
.crumbs { font-size: 13px; color: var(--muted); margin-bottom: 6px; } .crumbs a { color: var(--muted); }
h1 { font-size: 28px; line-height: 1.25; margin: 4px 0 14px; font-weight: 650; }
h2 { font-size: 20px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); font-weight: 620; }
h3 { font-size: 16px; margin: 22px 0 8px; }
.lead { color: var(--muted); font-size: 16px; margin-top: -6px; max-width: 860px; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 6px 9px; text-align: left; vertical-align: top; }
thead th { background: var(--soft); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 650; background: var(--soft); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 14px; margin: 16px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; background: #fff; }
.card .big { font-size: 26px; font-weight: 650; } .card .label { color: var(--muted); font-size: 13px; }
.theme { margin: 10px 0 14px; } .theme-head { display: flex; justify-content: space-between; gap: 8px; margin-bottom: 4px; font-size: 14px; }
.theme-name { font-weight: 600; }
svg.bar { width: 100%; height: 14px; display: block; background: var(--soft); border-radius: 3px; overflow: hidden; }
.legend { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; color: var(--muted); }
.s-implemented { fill: var(--implemented); } .s-partial { fill: var(--partial); } .s-planned { fill: var(--planned); }
.s-not-started { fill: var(--not-started); } .s-excluded { fill: var(--excluded); } .s-undecided { fill: var(--undecided); } .s-not-addressed { fill: var(--not-addressed); }
.grid2 { display: grid; grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr); gap: 8px 40px; }
@media (max-width: 860px) { .grid2 { grid-template-columns: 1fr; } }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 8px 0 16px; font-size: 14px; }
dl.facts dt { font-weight: 600; color: var(--muted); } dl.facts dd { margin: 0; }
.doc-control { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 6px; background: var(--soft); padding: 12px 18px; margin: 8px 0 24px; }
.doc-control h2 { border: 0; margin: 0 0 6px; font-size: 15px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); padding: 0; }
.doc-control h3 { font-size: 14px; margin: 12px 0 4px; color: var(--muted); }
.doc-control table { background: #fff; font-size: 13px; margin-bottom: 4px; }
.doc-control dl.facts { grid-template-columns: repeat(2, max-content 1fr); }
@media (max-width: 760px) { .doc-control dl.facts { grid-template-columns: max-content 1fr; } }
.policy-body { max-width: 900px; }
.policy-body table { font-size: 14px; }
.policy-body code { background: var(--soft); padding: 1px 4px; border-radius: 3px; font-size: 90%; }
.policy-body pre { background: var(--soft); padding: 10px 12px; border-radius: 6px; overflow-x: auto; }
.policy-body pre code { background: none; padding: 0; }
.policy-body blockquote { margin: 0; padding: 4px 14px; border-left: 3px solid var(--line); color: var(--muted); }
a.ctl { font-weight: 600; white-space: nowrap; }
.unlinked { border-bottom: 1px dotted var(--muted); }
.pill { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; background: var(--soft); border: 1px solid var(--line); }
.pill.implemented { background: #e7f4e8; border-color: #b9dfbb; color: #1f5e23; }
.pill.partial { background: #fff6dc; border-color: #f3dc93; color: #7a5a00; }
.pill.planned { background: #e6f0fd; border-color: #b7d1f7; color: #174f9c; }
.pill.not-started, .pill.not-set { background: #fcebea; border-color: #f2c1bf; color: #9e2a26; }
.pill.excluded { background: #eef0f2; color: #555c66; }
.pill.undecided { background: #f3ecf8; border-color: #dac7ea; color: #643a87; }
.pill.not-addressed { background: #3a3f47; border-color: #3a3f47; color: #fff; }
.pill.error { background: #fcebea; border-color: #f2c1bf; color: #9e2a26; } .pill.warning { background: #fff6dc; border-color: #f3dc93; color: #7a5a00; }
.pill.info, .pill.hint { background: #e6f0fd; border-color: #b7d1f7; color: #174f9c; }
ul.plain { list-style: none; padding: 0; margin: 0; } ul.plain li { margin: 1px 0; }
ul.links { padding-left: 18px; } ul.links li { margin: 3px 0; }
table.soa { font-size: 13px; } table.soa td.id { white-space: nowrap; }
table.soa td.title { min-width: 150px; } table.soa td.just { min-width: 240px; }
.heat { display: flex; gap: 28px; align-items: flex-start; flex-wrap: wrap; }
svg.heatmap { width: 520px; max-width: 100%; height: auto; font-family: inherit; }
svg.heatmap text { font-size: 12px; fill: var(--ink); } svg.heatmap .count { font-size: 20px; font-weight: 650; } svg.heatmap .ids { font-size: 9.5px; fill: #222; }
svg.heatmap .axis { font-size: 12px; fill: var(--muted); } svg.heatmap .axis-title { font-size: 13px; font-weight: 600; fill: var(--muted); }
.h-low { fill: #dff0d8; } .h-medium { fill: #fff3c4; } .h-high { fill: #ffd8b0; } .h-critical { fill: #f7b8b5; }
.heat-legend { font-size: 13px; } .heat-legend span.sw { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px; border: 1px solid var(--line); }
.sw.h-low { background: #dff0d8; } .sw.h-medium { background: #fff3c4; } .sw.h-high { background: #ffd8b0; } .sw.h-critical { background: #f7b8b5; }
table.matrix { font-size: 12px; width: auto; } table.matrix th.rot { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; padding: 8px 4px; font-weight: 500; }
table.matrix td.x { text-align: center; color: var(--accent); font-weight: 700; }
.guidance { border-top: 1px solid var(--line); margin-top: 28px; }
.note { background: var(--accent-soft); border-radius: 6px; padding: 8px 12px; font-size: 14px; }
footer.site-footer { max-width: 1180px; margin: 0 auto; padding: 12px 28px 32px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  @page wide { size: A4 landscape; margin: 12mm; }
  body.wide { page: wide; }
  body { font-size: 10.5pt; }
  .site-header, .crumbs, .no-print { display: none !important; }
  main { max-width: none; padding: 0; } .policy-body { max-width: none; }
  a { color: inherit; }
  h1, h2, h3 { break-after: avoid; }
  table { break-inside: auto; } tr, .card, .doc-control dl, svg { break-inside: avoid; }
  thead { display: table-header-group; }
  .doc-control, thead th, .pill, svg, .sw, tr.total td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  footer.site-footer { border: 0; padding: 8px 0 0; }
}
`;
