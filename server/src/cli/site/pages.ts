// HTML for each page of the site model (server/src/core/site/model.ts). No script, no remote
// resource, relative links only; the stylesheet is inlined. Every function here is a pure
// function of the model: the same model gives the same bytes.
import { coverageBarSvg, coverageLegend } from '../../../../common/coverageSvg';
import { DIAGNOSTICS, type DiagnosticCode } from '../../core/codes';
import { DOCUMENT_CONTROL_FIELDS, type ControlPage, type PolicyPage, type RiskView, type SiteModel } from '../../core/site/model';
import { controlPath, PAGE, relLink } from '../../core/site/paths';
import { cellText, riskText, type SoaRow } from '../../core/soaTable';
import { heatMapSvg, HEAT_LEVELS } from './heatMap';
import { escapeHtml as esc, markdownToHtml } from './markdownHtml';
import { SITE_CSS } from './style';

export interface SiteInfo {
  /** Shown in the footer: where the content came from. */
  provenance: string;
  /** Source path (relative to the scope root) -> page path, for links between documents. */
  pageOfSource: Map<string, string>;
}

const NAV: { path: string; label: string }[] = [
  { path: PAGE.index, label: 'Overview' },
  { path: PAGE.soa, label: 'Statement of Applicability' },
  { path: PAGE.risks, label: 'Risks' },
  { path: PAGE.traceability, label: 'Traceability' },
];

/** Wide tables print in landscape. */
const WIDE = new Set<string>([PAGE.soa, PAGE.traceability, PAGE.risks]);

function layout(site: SiteModel, info: SiteInfo, page: string, title: string, body: string, crumbs: { path?: string; label: string }[] = []): string {
  const h = (to: string) => esc(relLink(page, to));
  const nav = NAV.map((n) => `<a href="${h(n.path)}"${n.path === page ? ' aria-current="page"' : ''}>${esc(n.label)}</a>`).join('');
  const brand = site.index.organization ? `${site.index.organization} ISMS` : 'ISMS';
  const trail = crumbs.length
    ? `<div class="crumbs">${crumbs.map((c) => (c.path ? `<a href="${h(c.path)}">${esc(c.label)}</a>` : esc(c.label))).join(' › ')}</div>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ISMS Author">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)} · ${esc(brand)}</title>
<style>${SITE_CSS}</style>
</head>
<body${WIDE.has(page) ? ' class="wide"' : ''}>
<header class="site-header"><div class="inner"><a class="brand" href="${h(PAGE.index)}">${esc(brand)}</a><nav>${nav}</nav></div></header>
<main>
${trail}${body}
</main>
<footer class="site-footer">${esc(info.provenance)} Published by ISMS Author; the content is the organisation's, control identifiers and titles are those of ISO/IEC 27001:2022 Annex A.</footer>
</body>
</html>
`;
}

const pill = (cls: string, text: string) => `<span class="pill ${esc(cls)}">${esc(text)}</span>`;
const statusPill = (row: SoaRow) => pill(row.status.replace(/ /g, '-'), cellText(row, 'status'));
const orDash = (s: string) => (s ? esc(s) : '<span class="muted">—</span>');

// ------------------------------------------------------------------------------------ index

export function indexPage(site: SiteModel, info: SiteInfo): string {
  const page = PAGE.index;
  const h = (to: string) => esc(relLink(page, to));
  const { index, soa } = site;
  const all = soa.summary.all;
  const cards = [
    [`${all.applicable}`, 'applicable controls'],
    [`${all.implemented}`, 'implemented'],
    [`${all.excluded}`, 'excluded, with justification'],
    [`${all.notAddressed + all.undecided}`, 'not yet decided'],
  ].map(([n, l]) => `<div class="card"><div class="big">${esc(n)}</div><div class="label">${esc(l)}</div></div>`).join('');
  const bars = index.coverage.map((t) => {
    const decided = t.total - t.counts['not-addressed'] - t.counts.undecided;
    return `<div class="theme"><div class="theme-head"><span class="theme-name">${esc(t.theme)}</span><span class="muted">${t.counts.implemented} of ${t.total} implemented · ${decided} decided</span></div>`
      + `${coverageBarSvg(t.counts, `${t.theme}: ${t.counts.implemented} of ${t.total} implemented`)}</div>`;
  }).join('');
  const findings = index.findings.length
    ? `<table><thead><tr><th>Finding</th><th>Severity</th><th class="n">Open</th></tr></thead><tbody>${index.findings.map((f) => `<tr><td><code>${esc(f.code)}</code><div class="muted">${esc(DIAGNOSTICS[f.code as DiagnosticCode]?.help ?? '')}</div></td><td>${pill(f.severity, f.severity)}</td><td class="n">${f.count}</td></tr>`).join('')}</tbody></table>`
    : '<p class="note">No open findings: every check of ISMS Author passes.</p>';
  const policies = site.policies.length
    ? `<table><thead><tr><th>Policy</th><th>Version</th><th>Owner</th><th>Effective</th><th>Next review</th><th class="n">Controls cited</th><th class="n">Open findings</th></tr></thead><tbody>${site.policies.map((p) => `<tr><td><a href="${h(p.path)}">${esc(p.title)}</a></td><td>${orDash(p.fields.version)}</td><td>${orDash(p.fields.owner)}</td><td>${orDash(p.fields.effective)}</td><td>${orDash(p.fields['next-review'])}</td><td class="n">${p.controls.length}</td><td class="n">${p.findings}</td></tr>`).join('')}</tbody></table>`
    : '<p class="muted">No policy documents were found (the <code>policies</code> globs of isms.config.yaml).</p>';
  const meta = [
    ['Standard', soa.header.standard], ['SoA version', soa.header.version], ['SoA approved by', soa.header.approvedBy], ['SoA approved on', soa.header.approvedOn],
  ].map(([k, v]) => `<dt>${esc(k)}</dt><dd>${orDash(v)}</dd>`).join('');
  const body = `<h1>${esc(index.title)}</h1>
${index.scope ? `<p class="lead">${esc(index.scope)}</p>` : ''}
<dl class="facts">${meta}</dl>
<div class="cards">${cards}</div>
<div class="grid2">
<section><h2>Coverage by theme</h2>${bars}${coverageLegend()}</section>
<section><h2>Open findings</h2><p class="muted">As checked by ISMS Author on ${esc(index.findingsAsOf)}.</p>${findings}</section>
</div>
<section><h2>Policies</h2>${policies}</section>
<section><h2>Registers</h2><ul class="links">
<li><a href="${h(PAGE.soa)}">Statement of Applicability</a>: all ${soa.rows.length} Annex A controls with their decisions</li>
<li><a href="${h(PAGE.risks)}">Risk register</a>: ${site.risks.risks.length} risks with a likelihood × impact heat map</li>
<li><a href="${h(PAGE.traceability)}">Traceability matrix</a>: controls against policies and risks</li>
</ul></section>`;
  return layout(site, info, page, 'Overview', body);
}

// ------------------------------------------------------------------------------------ policy

function revisionTable(p: PolicyPage): string {
  if (p.history.kind === 'no-git') return '<p class="muted">The ISMS folder is not a Git repository, so no revision history is available.</p>';
  if (p.history.kind === 'uncommitted') return '<p class="muted">No commit records this document yet: it has not been committed to Git.</p>';
  const rows = p.history.revisions.map((r) => `<tr><td>${esc(r.date.slice(0, 10))}</td><td>${esc(r.author)}</td><td>${esc(r.subject)}</td><td><code>${esc(r.hash.slice(0, 8))}</code></td></tr>`).join('');
  return `<table><thead><tr><th>Date</th><th>Author</th><th>Change</th><th>Commit</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function policyPage(site: SiteModel, info: SiteInfo, p: PolicyPage): string {
  const page = p.path;
  const h = (to: string) => relLink(page, to);
  const sourceDir = p.source.split('/').slice(0, -1);
  const html = markdownToHtml({
    text: p.text, refs: p.refs, sections: p.sections,
    controlHref: (id) => h(controlPath(id)),
    resolve: (target, fragment) => {
      const parts = target.startsWith('/') ? target.split('/') : [...sourceDir, ...target.split('/')];
      const stack: string[] = [];
      for (const part of parts) {
        if (!part || part === '.') continue;
        if (part === '..') { if (!stack.length) return undefined; stack.pop(); } else stack.push(part);
      }
      const to = info.pageOfSource.get(stack.join('/'));
      if (!to) return undefined;
      const other = to === p.path ? p : site.policies.find((x) => x.path === to);
      const keep = fragment !== undefined && other?.sections.some((s) => s.slug === fragment);
      return h(to) + (keep ? `#${fragment}` : '');
    },
  });
  const value = (key: keyof PolicyPage['fields']) => {
    if (p.fields[key]) return esc(p.fields[key]);
    // The page needs a title; say where it came from when the front matter has none.
    if (key === 'title' && p.title !== p.source) return `${esc(p.title)} <span class="muted">(from the first heading; not in the front matter)</span>`;
    return '<span class="muted">not recorded</span>';
  };
  const fields = DOCUMENT_CONTROL_FIELDS.map(({ key, label }) => `<dt>${esc(label)}</dt><dd>${value(key)}</dd>`).join('');
  const controls = p.controls.length
    ? `<section class="no-print"><h2>Controls cited</h2><p>${p.controls.map((id) => `<a class="ctl" href="${esc(h(controlPath(id)))}">${esc(id)}</a>`).join(', ')}</p></section>`
    : '';
  const body = `<div class="doc-control"><h2>Document control</h2>
<dl class="facts">${fields}<dt>Source</dt><dd><code>${esc(p.source)}</code></dd></dl>
<h3>Revision history</h3>${revisionTable(p)}</div>
<article class="policy-body">${html}</article>
${controls}`;
  return layout(site, info, page, p.title, body, [{ path: PAGE.index, label: 'Overview' }, { label: 'Policies' }, { label: p.title }]);
}

// ------------------------------------------------------------------------------------ SoA

export function soaPage(site: SiteModel, info: SiteInfo): string {
  const page = PAGE.soa;
  const h = (to: string) => esc(relLink(page, to));
  const { header, summary, rows } = site.soa;
  const policyLink = (source: string) => {
    const to = info.pageOfSource.get(source.replace(/^\.\//, ''));
    const p = to && site.policies.find((x) => x.path === to);
    return p ? `<a href="${h(p.path)}">${esc(p.title)}</a>` : esc(source);
  };
  const riskIds = new Set(site.risks.risks.map((r) => r.id));
  const riskLink = (id: string, text: string) => (riskIds.has(id) ? `<a href="${h(`${PAGE.risks}#${site.risks.risks.find((r) => r.id === id)!.anchor}`)}">${esc(text)}</a>` : esc(text));
  const list = (items: string[]) => (items.length ? `<ul class="plain">${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '');
  const body = rows.map((r) => `<tr id="${esc(r.id)}"><td class="id"><a href="${h(controlPath(r.id))}">${esc(r.id)}</a></td><td class="title">${esc(r.title)}</td><td>${esc(r.applicable)}</td><td class="just">${orDash(r.justification)}${r.reasons.length ? `<div class="muted">Reasons: ${esc(r.reasons.join(', '))}</div>` : ''}</td><td>${statusPill(r)}</td><td>${orDash(r.owner)}</td><td>${list(r.risks.map((x) => riskLink(x.id, riskText(x))))}</td><td>${list(r.policies.map(policyLink))}</td></tr>`).join('\n');
  const themes = Object.entries(summary.byTheme).map(([t, c]) => `<tr><td>${esc(t)}</td><td class="n">${c.total}</td><td class="n">${c.applicable}</td><td class="n">${c.implemented}</td><td class="n">${c.excluded}</td><td class="n">${c.notAddressed + c.undecided}</td></tr>`).join('');
  const a = summary.all;
  const meta = [['Organisation', header.organization], ['Standard', header.standard], ['Version', header.version], ['Approved by', header.approvedBy], ['Approved on', header.approvedOn], ['Source', header.soaPath]]
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${orDash(v)}</dd>`).join('');
  const html = `<h1>Statement of Applicability</h1>
<dl class="facts">${meta}</dl>
<table style="width:auto"><thead><tr><th>Theme</th><th class="n">Controls</th><th class="n">Applicable</th><th class="n">Implemented</th><th class="n">Excluded</th><th class="n">Undecided</th></tr></thead><tbody>${themes}
<tr class="total"><td>Total</td><td class="n">${a.total}</td><td class="n">${a.applicable}</td><td class="n">${a.implemented}</td><td class="n">${a.excluded}</td><td class="n">${a.notAddressed + a.undecided}</td></tr></tbody></table>
<h2>Annex A controls</h2>
<table class="soa"><thead><tr><th>ID</th><th>Control</th><th>Applicable</th><th>Justification</th><th>Status</th><th>Owner</th><th>Risks</th><th>Policies</th></tr></thead><tbody>
${body}
</tbody></table>`;
  return layout(site, info, page, 'Statement of Applicability', html, [{ path: PAGE.index, label: 'Overview' }, { label: 'Statement of Applicability' }]);
}

// ------------------------------------------------------------------------------------ control

export function controlPage(site: SiteModel, info: SiteInfo, c: ControlPage): string {
  const page = c.path;
  const h = (to: string) => esc(relLink(page, to));
  const r = c.row;
  const facts = [
    ['Theme', esc(c.theme)],
    ...c.attributes.map((a) => [a.label, esc(a.values.join(', '))]),
    ['ISO/IEC 27001:2013', c.isNew ? 'New in the 2022 edition' : esc(c.predecessors.map((p) => `${p.id} ${p.title}`.trim()).join('; '))],
  ].map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v || '<span class="muted">—</span>'}</dd>`).join('');
  const decision = [
    ['Applicable', esc(r.applicable)],
    ['Status', statusPill(r)],
    ['Reasons', orDash(r.reasons.join(', '))],
    ['Justification', orDash(r.justification)],
    ['Owner', orDash(r.owner)],
    ['Evidence', orDash(r.evidence)],
  ].map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('');
  const risks = r.risks.length
    ? `<ul class="links">${r.risks.map((x) => {
      const known = site.risks.risks.find((k) => k.id === x.id);
      return `<li>${known ? `<a href="${h(`${PAGE.risks}#${known.anchor}`)}">${esc(riskText(x))}</a>` : esc(riskText(x))}</li>`;
    }).join('')}</ul>`
    : '<p class="muted">No risk is linked to this control.</p>';
  const citing = c.citing.length
    ? `<ul class="links">${c.citing.map((x) => `<li><a href="${h(x.section ? `${x.policyPath}#${x.section.slug}` : x.policyPath)}">${esc(x.title)}${x.section ? ` — ${esc(x.section.text)}` : ''}</a></li>`).join('')}</ul>`
    : '<p class="muted">No policy cites this control.</p>';
  const g = c.guidance;
  const guidance = g ? `<section class="guidance"><h2>Implementation guidance</h2><p class="muted">Written by the ISMS Author project, not quoted from the standard.</p>
<p><strong>Intent.</strong> ${esc(g.intent)}</p>
${g.implement.length ? `<h3>How to implement</h3><ul>${g.implement.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : ''}
${g.evidence.length ? `<h3>Evidence an auditor may ask for</h3><ul>${g.evidence.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : ''}
${g.gaps.length ? `<h3>Common gaps</h3><ul>${g.gaps.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : ''}
${g.related.length ? `<h3>Related controls</h3><p>${g.related.filter((id) => /^A\.\d+\.\d+$/.test(id)).map((id) => `<a class="ctl" href="${h(controlPath(id))}">${esc(id)}</a>`).join(', ')}</p>` : ''}
${g.changes ? `<h3>Changes from 2013</h3><p>${esc(g.changes)}</p>` : ''}</section>` : '';
  const body = `<h1>${esc(c.id)} ${esc(c.title)}</h1>
<div class="grid2">
<section><h2>This ISMS</h2><dl class="facts">${decision}</dl></section>
<section><h2>Control</h2><dl class="facts">${facts}</dl></section>
</div>
<section><h2>Risks treated</h2>${risks}</section>
<section><h2>Policies citing ${esc(c.id)}</h2>${citing}</section>
${guidance}`;
  return layout(site, info, page, `${c.id} ${c.title}`, body, [{ path: PAGE.index, label: 'Overview' }, { path: `${PAGE.soa}#${c.id}`, label: 'Statement of Applicability' }, { label: c.id }]);
}

// ------------------------------------------------------------------------------------ risks

const score = (r: RiskView) => (r.likelihood && r.impact ? r.likelihood * r.impact : undefined);

export function risksPage(site: SiteModel, info: SiteInfo): string {
  const page = PAGE.risks;
  const h = (to: string) => esc(relLink(page, to));
  const { risks, heat, source } = site.risks;
  const rows = risks.map((r) => {
    const s = score(r);
    const controls = r.controls.map((c) => (c.known ? `<a class="ctl" href="${h(controlPath(c.id))}">${esc(c.id)}</a>` : esc(c.id))).join(', ');
    const level = s ? HEAT_LEVELS.find((l) => s >= l.min)! : undefined;
    return `<tr id="${esc(r.anchor)}"><td class="id">${esc(r.id)}</td><td>${orDash(r.title)}</td><td>${orDash(r.owner)}</td><td class="n">${r.likelihood ?? '—'}</td><td class="n">${r.impact ?? '—'}</td><td class="n">${s ? `<span class="pill">${s} ${esc(level!.label)}</span>` : '—'}</td><td>${orDash(r.treatment)}</td><td>${controls || '<span class="muted">none</span>'}</td></tr>`;
  }).join('\n');
  const unrated = risks.filter((r) => !score(r)).length;
  const legend = `<div class="heat-legend">${HEAT_LEVELS.slice().reverse().map((l) => `<div><span class="sw ${l.cls}"></span>${esc(l.label)} (${esc(l.range)})</div>`).join('')}${unrated ? `<p class="muted">${unrated} risk${unrated === 1 ? ' is' : 's are'} not scored and not on the map.</p>` : ''}</div>`;
  const body = `<h1>Risk register</h1>
<p class="lead">${risks.length} risk${risks.length === 1 ? '' : 's'}${source ? ` from <code>${esc(source)}</code>` : ''}. Each cell of the heat map counts the risks scored there; the table lists every risk with its treatment and controls.</p>
${risks.length ? `<section id="heat-map"><h2>Heat map</h2><div class="heat">${heatMapSvg(heat)}${legend}</div></section>
<section><h2>Risks</h2><table><thead><tr><th>ID</th><th>Risk</th><th>Owner</th><th class="n">Likelihood</th><th class="n">Impact</th><th class="n">Score</th><th>Treatment</th><th>Controls</th></tr></thead><tbody>
${rows}
</tbody></table></section>` : '<p class="note">No risk register was found in this ISMS.</p>'}`;
  return layout(site, info, page, 'Risk register', body, [{ path: PAGE.index, label: 'Overview' }, { label: 'Risk register' }]);
}

// ------------------------------------------------------------------------------------ traceability

/** Up to this many policies or risks, the matrix has a column each; beyond, it lists them per control. */
const MATRIX_COLUMNS = 40;

export function traceabilityPage(site: SiteModel, info: SiteInfo): string {
  const page = PAGE.traceability;
  const h = (to: string) => esc(relLink(page, to));
  const policyTitle = new Map(site.policies.map((p) => [p.path, p.title]));
  const riskAnchor = new Map(site.risks.risks.map((r) => [r.id, r.anchor]));
  const control = (id: string, title: string) => `<td class="id"><a href="${h(controlPath(id))}">${esc(id)}</a></td><td>${esc(title)}</td>`;
  const matrix = (columns: { key: string; label: string; href?: string }[], has: (row: (typeof site.trace)[number], key: string) => boolean, listOf: (row: (typeof site.trace)[number]) => string[], linkOf: (key: string) => string) => {
    if (columns.length && columns.length <= MATRIX_COLUMNS) {
      const head = columns.map((c) => `<th class="rot">${c.href ? `<a href="${h(c.href)}">${esc(c.label)}</a>` : esc(c.label)}</th>`).join('');
      const rows = site.trace.map((t) => `<tr>${control(t.id, t.title)}${columns.map((c) => (has(t, c.key) ? `<td class="x" title="${esc(`${t.id} · ${c.label}`)}">●</td>` : '<td></td>')).join('')}</tr>`).join('\n');
      return `<table class="matrix"><thead><tr><th>ID</th><th>Control</th>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
    }
    const rows = site.trace.map((t) => `<tr>${control(t.id, t.title)}<td>${listOf(t).map(linkOf).join(', ') || '<span class="muted">—</span>'}</td></tr>`).join('\n');
    return `<table><thead><tr><th>ID</th><th>Control</th><th>Linked</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
  };
  const byPolicy = matrix(site.policies.map((p) => ({ key: p.path, label: p.title, href: p.path })), (t, k) => t.policies.includes(k), (t) => t.policies,
    (k) => `<a href="${h(k)}">${esc(policyTitle.get(k) ?? k)}</a>`);
  const byRisk = matrix(site.risks.risks.map((r) => ({ key: r.id, label: r.id, href: `${PAGE.risks}#${r.anchor}` })), (t, k) => t.risks.includes(k), (t) => t.risks,
    (k) => (riskAnchor.has(k) ? `<a href="${h(`${PAGE.risks}#${riskAnchor.get(k)}`)}">${esc(k)}</a>` : esc(k)));
  const body = `<h1>Traceability matrix</h1>
<p class="lead">Which policies cite each Annex A control, and which risks each control treats (from the SoA and the risk register).</p>
<section><h2>Controls × policies</h2>${site.policies.length ? byPolicy : '<p class="muted">No policies.</p>'}</section>
<section><h2>Controls × risks</h2>${site.risks.risks.length ? byRisk : '<p class="muted">No risks.</p>'}</section>`;
  return layout(site, info, page, 'Traceability matrix', body, [{ path: PAGE.index, label: 'Overview' }, { label: 'Traceability' }]);
}
