// The published site as data: which pages exist and what each one shows. Built from the same
// index, SoA table and findings as the checks and the exports; the CLI renders it to HTML. Pure:
// the host passes the Git history in (undefined outside Git) and the date the findings are for.
import { catalogue, THEMES, type ControlGuidance } from '../catalogue';
import type { CoverageState } from '../../../../common/coverageSvg';
import { computeFindings, indexFor } from '../diagnostics';
import type { Revision } from '../gitTypes';
import type { Heading } from '../markdown';
import type { PolicyFile, ScopeIndex, SoaFile } from '../scopeIndex';
import { buildSoaTable, type SoaRow, type SoaTable, type Theme } from '../soaTable';
import type { Severity } from '../types';
import { joinUri, relativePath } from '../uris';
import { scalarText } from '../yamlAst';
import type { Workspace } from '../workspace';
import { controlPath, PAGE, policyPath, riskAnchor, uniquePath, uniqueSlugs } from './paths';

export interface SiteOptions {
  /** The scope folder (URI) to publish. */
  root: string;
  /** YYYY-MM-DD the findings are computed for (the CLI uses HEAD's date for reproducible output). */
  today: string;
  /** File URI -> commits touching it, newest first; undefined when the folder is not in Git. */
  history?: Map<string, Revision[]>;
  /** Include this project's implementation guidance on control pages. */
  guidance?: boolean;
}

export type DocumentControlKey = 'title' | 'owner' | 'approved-by' | 'version' | 'effective' | 'next-review' | 'classification';
export const DOCUMENT_CONTROL_FIELDS: readonly { key: DocumentControlKey; label: string }[] = [
  { key: 'title', label: 'Title' },
  { key: 'owner', label: 'Owner' },
  { key: 'approved-by', label: 'Approved by' },
  { key: 'version', label: 'Version' },
  { key: 'effective', label: 'Effective' },
  { key: 'next-review', label: 'Next review' },
  { key: 'classification', label: 'Classification' },
];

export interface Section { slug: string; text: string; depth: number; start: number }

/** A control reference in the policy text that gets a link (a 2022 ID written out, not inside a range). */
export interface LinkedRef { start: number; end: number; id: string }

export type RevisionHistory =
  | { kind: 'git'; revisions: Revision[] }
  /** In a Git work tree, but no commit touches the file yet. */
  | { kind: 'uncommitted' }
  | { kind: 'no-git' };

export interface PolicyPage {
  uri: string;
  path: string;
  /** The Markdown file relative to the scope root. */
  source: string;
  title: string;
  fields: Record<DocumentControlKey, string>;
  history: RevisionHistory;
  text: string;
  /** Offset where the body starts (after the front matter). */
  bodyStart: number;
  sections: Section[];
  refs: LinkedRef[];
  /** 2022 controls the policy cites, in catalogue order. */
  controls: string[];
  findings: number;
}

export interface Citing { policyPath: string; title: string; section?: { slug: string; text: string } }

export interface ControlPage {
  id: string;
  path: string;
  title: string;
  theme: Theme;
  isNew: boolean;
  attributes: { label: string; values: string[] }[];
  predecessors: { id: string; title: string }[];
  row: SoaRow;
  citing: Citing[];
  guidance?: ControlGuidance;
}

export interface RiskView {
  id: string;
  anchor: string;
  title: string;
  owner: string;
  likelihood?: number;
  impact?: number;
  treatment: string;
  controls: { id: string; known: boolean }[];
  source: string;
}

export interface RiskRegisterPage {
  source: string;
  risks: RiskView[];
  /** heat[likelihood - 1][impact - 1]: the IDs of the risks scored there. */
  heat: string[][][];
}

export interface TraceRow { id: string; title: string; policies: string[]; risks: string[] }

export interface FindingCount { code: string; severity: Severity; count: number }

export interface IndexPage {
  title: string;
  organization: string;
  scope: string;
  findingsAsOf: string;
  findings: FindingCount[];
  coverage: { theme: Theme; counts: Record<CoverageState, number>; total: number }[];
}

export interface SiteModel {
  index: IndexPage;
  soa: SoaTable;
  policies: PolicyPage[];
  controls: ControlPage[];
  risks: RiskRegisterPage;
  trace: TraceRow[];
  /** Every page path, for progress and link checks. */
  pages: string[];
}

const ATTRIBUTE_LABELS = [
  ['controlType', 'Control type'],
  ['securityProperties', 'Information security properties'],
  ['cybersecurityConcepts', 'Cybersecurity concepts'],
  ['operationalCapabilities', 'Operational capabilities'],
  ['securityDomains', 'Security domains'],
] as const;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The state a row of the SoA table shows in the coverage bars (as the controls view has it). */
export function rowState(row: SoaRow): CoverageState {
  if (row.applicable === 'No') return 'excluded';
  if (row.applicable === 'Undecided') return 'undecided';
  if (row.applicable === 'Not addressed') return 'not-addressed';
  return row.status === 'implemented' || row.status === 'partial' || row.status === 'planned' ? row.status : 'not-started';
}

/** Builds the site of the scope at `opts.root`. Throws when the folder holds no ISMS file. */
export function buildSite(ws: Workspace, opts: SiteOptions): SiteModel {
  const scope = ws.scopeOf(joinUri(opts.root, '.isms-site'));
  const first = scope.docs()[0];
  if (!first) throw new Error('The folder holds no Markdown or YAML file to publish.');
  const index = indexFor(ws, first.uri);
  const soa: SoaFile | undefined = index.soaFor(joinUri(scope.root, '.isms-site'));
  const table = buildSoaTable(index, soa, opts.today);
  const rel = (uri: string) => relativePath(scope.root, uri) ?? uri;

  const findings = scope.docs().flatMap((d) => computeFindings(ws, d.uri, { today: opts.today }));
  const findingsByUri = new Map<string, number>();
  const byCode = new Map<string, FindingCount>();
  for (const f of findings) {
    findingsByUri.set(f.uri, (findingsByUri.get(f.uri) ?? 0) + 1);
    const c = byCode.get(f.code) ?? { code: f.code, severity: f.severity, count: 0 };
    c.count++;
    byCode.set(f.code, c);
  }

  const taken = new Set<string>(Object.values(PAGE));
  const policyFiles = index.markdown.filter((m) => m.isPolicy).sort((a, b) => (rel(a.doc.uri) < rel(b.doc.uri) ? -1 : 1));
  const policies = policyFiles.map((p) => policyPage(p, uniquePath(policyPath(rel(p.doc.uri)), taken), rel(p.doc.uri), opts.history, findingsByUri.get(p.doc.uri) ?? 0));
  const policyByUri = new Map(policies.map((p) => [p.uri, p] as const));
  const policyBySource = new Map(policies.map((p) => [p.source, p] as const));

  const rows = new Map(table.rows.map((r) => [r.id, r]));
  const controls = catalogue.controls.map((c): ControlPage => {
    const citing: Citing[] = [];
    const seen = new Set<string>();
    for (const cit of index.citationsOf(c.id)) {
      const page = cit.via === 'policy' ? policyByUri.get(cit.uri) : undefined;
      if (!page) continue;
      const section = sectionAt(page.sections, cit.span.start);
      const key = `${page.path}#${section?.slug ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      citing.push({ policyPath: page.path, title: page.title, ...(section ? { section: { slug: section.slug, text: section.text } } : {}) });
    }
    // A citation outside every section (the front matter) adds nothing when a section of the same policy cites it.
    const withSection = new Set(citing.filter((x) => x.section).map((x) => x.policyPath));
    for (let i = citing.length - 1; i >= 0; i--) if (!citing[i].section && withSection.has(citing[i].policyPath)) citing.splice(i, 1);
    // Policies the SoA lists for the control count as citing it even when their text does not.
    for (const p of rows.get(c.id)!.policies) {
      const page = policyBySource.get(p.replace(/^\.\//, ''));
      if (page && !citing.some((x) => x.policyPath === page.path)) citing.push({ policyPath: page.path, title: page.title });
    }
    citing.sort((a, b) => (a.title.localeCompare(b.title) || a.policyPath.localeCompare(b.policyPath)));
    return {
      id: c.id, path: controlPath(c.id), title: c.title, theme: c.theme, isNew: c.isNew,
      attributes: ATTRIBUTE_LABELS.map(([k, label]) => ({ label, values: c.attributes[k].map((v) => v.replace(/_/g, ' ')) })),
      predecessors: c.predecessors.map((id) => ({ id, title: catalogue.legacyControl(id)?.title ?? '' })),
      row: rows.get(c.id)!,
      citing,
      ...(opts.guidance && c.guidance ? { guidance: c.guidance } : {}),
    };
  });

  const risks = riskPage(index, soa, rel);
  const trace = catalogue.controls.map((c): TraceRow => ({
    id: c.id, title: c.title,
    policies: [...new Set(controls.find((x) => x.id === c.id)!.citing.map((x) => x.policyPath))],
    risks: rows.get(c.id)!.risks.map((r) => r.id),
  }));

  const coverage = THEMES.map((theme) => {
    const counts = { implemented: 0, partial: 0, planned: 0, 'not-started': 0, excluded: 0, undecided: 0, 'not-addressed': 0 } as Record<CoverageState, number>;
    const themed = table.rows.filter((r) => r.theme === theme);
    for (const r of themed) counts[rowState(r)]++;
    return { theme, counts, total: themed.length };
  });
  const header = soa?.soa.header;
  const scopeText = header?.get('scope')?.value.trim() ?? '';
  const indexPage: IndexPage = {
    title: table.header.organization ? `${table.header.organization}: information security management system` : 'Information security management system',
    organization: table.header.organization,
    scope: scopeText,
    findingsAsOf: opts.today,
    findings: [...byCode.values()].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code)),
    coverage,
  };
  const pages = [...Object.values(PAGE), ...policies.map((p) => p.path), ...controls.map((c) => c.path)];
  return { index: indexPage, soa: table, policies, controls, risks, trace, pages };
}

function sectionAt(sections: Section[], offset: number): Section | undefined {
  let found: Section | undefined;
  for (const s of sections) { if (s.start <= offset) found = s; else break; }
  return found;
}

function field(p: PolicyFile, key: string): string {
  const fm = p.md.frontMatter;
  const f = fm?.fields.get(key);
  if (!f) return '';
  const text = scalarText(f.value, fm!.yaml);
  if (text !== undefined) return text.trim();
  // A date or number YAML did not keep as text, or a list: the source as written.
  return p.doc.text.slice(f.valueSpan.start, f.valueSpan.end).trim();
}

function policyPage(p: PolicyFile, path: string, source: string, history: Map<string, Revision[]> | undefined, findings: number): PolicyPage {
  const fields = Object.fromEntries(DOCUMENT_CONTROL_FIELDS.map(({ key }) => [key, field(p, key)])) as Record<DocumentControlKey, string>;
  const firstHeading = p.md.headings.find((h) => h.depth === 1);
  const title = fields.title || firstHeading?.text.trim() || source;
  const bodyStart = p.md.frontMatter?.span.end ?? 0;
  const headings: Heading[] = p.md.headings.filter((h) => h.span.start >= bodyStart);
  const slugs = uniqueSlugs(headings.map((h) => h.text));
  const sections = headings.map((h, i) => ({ slug: slugs[i], text: h.text.trim(), depth: h.depth, start: h.span.start }));
  const refs = p.md.refs
    .filter((r) => r.kind === 'control' && !r.inRange && r.span.start >= bodyStart && catalogue.control(r.id))
    .map((r) => ({ start: r.span.start, end: r.span.end, id: r.id }));
  const controls = [...new Set(p.md.refs.filter((r) => r.kind === 'control' && catalogue.control(r.id)).map((r) => r.id))]
    .sort((a, b) => catalogue.order(a) - catalogue.order(b));
  const revisions = history?.get(p.doc.uri);
  return {
    uri: p.doc.uri, path, source, title, fields,
    history: !history ? { kind: 'no-git' } : revisions?.length ? { kind: 'git', revisions } : { kind: 'uncommitted' },
    text: p.doc.text, bodyStart, sections, refs, controls, findings,
  };
}

function numberIn(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : undefined;
}

function riskPage(index: ScopeIndex, soa: SoaFile | undefined, rel: (uri: string) => string): RiskRegisterPage {
  const file = index.registerFor(soa);
  const heat = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => [] as string[]));
  if (!file) return { source: '', risks: [], heat };
  const seen = new Set<string>();
  const risks: RiskView[] = [];
  for (const r of file.register.risks) {
    if (!r.id || seen.has(r.id)) continue;
    seen.add(r.id);
    const likelihood = numberIn(r.likelihood?.value);
    const impact = numberIn(r.impact?.value);
    if (likelihood && impact) heat[likelihood - 1][impact - 1].push(r.id);
    risks.push({
      id: r.id, anchor: riskAnchor(r.id),
      title: r.title?.value.trim() ?? '', owner: r.owner?.value.trim() ?? '',
      likelihood, impact, treatment: r.treatment?.value.trim() ?? '',
      controls: r.controls.map((c) => ({ id: c.id ?? c.raw, known: !!(c.id && catalogue.control(c.id)) })),
      source: rel(file.doc.uri),
    });
  }
  return { source: rel(file.doc.uri), risks, heat };
}
