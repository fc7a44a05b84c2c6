// The Statement of Applicability as a flat table for auditors: one row per ISO/IEC 27001:2022
// Annex A control in catalogue order, whether or not the SoA addresses it, with the risks that
// justify it resolved against the register. Exporters (CSV, XLSX, HTML, Markdown) render this
// table; they never read the SoA model themselves.
import { catalogue, THEMES } from './catalogue';
import type { ScopeIndex, SoaFile } from './scopeIndex';
import { isApplicable, isExcluded, STATUS_VALUES, type SoaEntry } from './soa';
import { displayPath, relativePath } from './uris';

export type Theme = (typeof THEMES)[number];
export type Applicability = 'Yes' | 'No' | 'Undecided' | 'Not addressed';
/**
 * `excluded` for an excluded control; `not set` when the entry gives no (valid) status;
 * `not addressed` when the SoA has no entry for the control.
 */
export type RowStatus = (typeof STATUS_VALUES)[number] | 'excluded' | 'not set' | 'not addressed';

export interface SoaRowRisk {
  id: string;
  /** From the risk register; undefined when the register does not know the risk. */
  title?: string;
  /** `soa`: listed by the SoA entry; `register`: the risk lists the control; `both`. */
  via: 'soa' | 'register' | 'both';
}

export interface SoaRow {
  id: string;
  title: string;
  theme: Theme;
  applicable: Applicability;
  reasons: string[];
  justification: string;
  status: RowStatus;
  /** The status as written when it is not one of the known values (status is then `not set`). */
  rawStatus?: string;
  risks: SoaRowRisk[];
  owner: string;
  policies: string[];
  evidence: string;
}

export interface SoaHeader {
  organization: string;
  version: string;
  approvedBy: string;
  approvedOn: string;
  standard: string;
  generatedOn: string;
  /** The SoA file relative to its scope root (or its path); empty when there is no SoA. */
  soaPath: string;
}

export interface SoaCounts {
  total: number;
  applicable: number;
  excluded: number;
  /** Listed in the SoA without a decision either way. */
  undecided: number;
  /** Applicable controls by status; `notStarted` includes applicable controls without a status. */
  implemented: number;
  partial: number;
  planned: number;
  notStarted: number;
  /** No SoA entry at all. */
  notAddressed: number;
}

export interface SoaSummary {
  byTheme: Record<Theme, SoaCounts>;
  all: SoaCounts;
}

export interface SoaTable {
  header: SoaHeader;
  rows: SoaRow[];
  summary: SoaSummary;
}

export const SOA_COLUMNS = [
  { key: 'id', label: 'ID' },
  { key: 'title', label: 'Control' },
  { key: 'theme', label: 'Theme' },
  { key: 'applicable', label: 'Applicable' },
  { key: 'reasons', label: 'Reasons' },
  { key: 'justification', label: 'Justification' },
  { key: 'status', label: 'Status' },
  { key: 'risks', label: 'Risks' },
  { key: 'owner', label: 'Owner' },
  { key: 'policies', label: 'Policies' },
  { key: 'evidence', label: 'Evidence' },
] as const satisfies readonly { key: keyof SoaRow; label: string }[];

export type SoaColumnKey = (typeof SOA_COLUMNS)[number]['key'];

/** Builds the table of `soaFile` (all rows `not addressed` when there is none). */
export function buildSoaTable(index: ScopeIndex, soaFile: SoaFile | undefined, generatedOn: string): SoaTable {
  const register = index.registerFor(soaFile);
  const riskTitles = new Map<string, string | undefined>();
  const registerLinks = new Map<string, string[]>();
  if (register) {
    for (const risk of register.register.risks) {
      if (!riskTitles.has(risk.id)) riskTitles.set(risk.id, risk.title?.value);
      for (const c of risk.controls) {
        if (!c.id) continue;
        const list = registerLinks.get(c.id) ?? [];
        if (!list.includes(risk.id)) list.push(risk.id);
        registerLinks.set(c.id, list);
      }
    }
  }
  const titleOf = (id: string): string | undefined =>
    riskTitles.has(id) ? riskTitles.get(id) : index.risks.get(id)?.[0]?.risk.title?.value;

  const rows = catalogue.controls.map((control): SoaRow => {
    const entry = soaFile?.byId.get(control.id)?.[0];
    const base = { id: control.id, title: control.title, theme: control.theme };
    if (!entry) {
      return { ...base, applicable: 'Not addressed', reasons: [], justification: '', status: 'not addressed', risks: [], owner: '', policies: [], evidence: '' };
    }
    const risks: SoaRowRisk[] = [];
    for (const r of entry.risks) if (!risks.some((x) => x.id === r.value)) risks.push({ id: r.value, title: titleOf(r.value), via: 'soa' });
    for (const id of registerLinks.get(control.id) ?? []) {
      const known = risks.find((x) => x.id === id);
      if (known) known.via = 'both';
      else risks.push({ id, title: titleOf(id), via: 'register' });
    }
    const { status, rawStatus } = rowStatus(entry);
    return {
      ...base,
      applicable: isExcluded(entry) ? 'No' : isApplicable(entry) ? 'Yes' : 'Undecided',
      reasons: entry.reasons.map((r) => r.value),
      justification: entry.justification?.value.trim() ?? '',
      status,
      ...(rawStatus !== undefined ? { rawStatus } : {}),
      risks,
      owner: entry.owner?.value.trim() ?? '',
      policies: entry.policies.map((p) => p.value),
      evidence: entry.evidence?.value.trim() ?? '',
    };
  });

  const header = headerOf(index, soaFile, generatedOn);
  return { header, rows, summary: summarise(rows) };
}

function rowStatus(entry: SoaEntry): { status: RowStatus; rawStatus?: string } {
  if (isExcluded(entry)) return { status: 'excluded' };
  const written = entry.status?.value.trim();
  if (!written) return { status: 'not set' };
  if ((STATUS_VALUES as readonly string[]).includes(written)) return { status: written as RowStatus };
  return { status: 'not set', rawStatus: written };
}

function headerOf(index: ScopeIndex, soaFile: SoaFile | undefined, generatedOn: string): SoaHeader {
  const h = soaFile?.soa.header;
  const field = (...keys: string[]) => {
    for (const k of keys) {
      const v = h?.get(k)?.value.trim();
      if (v) return v;
    }
    return '';
  };
  return {
    organization: field('organization', 'organisation'),
    version: field('version'),
    approvedBy: field('approved-by'),
    approvedOn: field('approved-on', 'date'),
    standard: field('standard') || 'ISO/IEC 27001:2022',
    generatedOn,
    soaPath: soaFile ? relativePath(index.scope.root, soaFile.doc.uri) ?? displayPath(soaFile.doc.uri) : '',
  };
}

export function emptyCounts(): SoaCounts {
  return { total: 0, applicable: 0, excluded: 0, undecided: 0, implemented: 0, partial: 0, planned: 0, notStarted: 0, notAddressed: 0 };
}

/** Per-theme and overall counts. Applicable = implemented + partial + planned + notStarted. */
export function summarise(rows: readonly SoaRow[]): SoaSummary {
  const byTheme = Object.fromEntries(THEMES.map((t) => [t, emptyCounts()])) as Record<Theme, SoaCounts>;
  const all = emptyCounts();
  for (const row of rows) {
    for (const c of [byTheme[row.theme], all]) {
      c.total++;
      if (row.applicable === 'Yes') {
        c.applicable++;
        if (row.status === 'implemented') c.implemented++;
        else if (row.status === 'partial') c.partial++;
        else if (row.status === 'planned') c.planned++;
        else c.notStarted++;
      } else if (row.applicable === 'No') c.excluded++;
      else if (row.applicable === 'Undecided') c.undecided++;
      else c.notAddressed++;
    }
  }
  return { byTheme, all };
}

/** Text of a cell for flat formats (CSV, Markdown); lists joined with `sep`. */
export function cellText(row: SoaRow, key: SoaColumnKey, sep = '; '): string {
  switch (key) {
    case 'reasons': return row.reasons.join(', ');
    case 'policies': return row.policies.join(sep);
    case 'risks': return row.risks.map(riskText).join(sep);
    case 'status': return row.rawStatus !== undefined ? `not set ("${row.rawStatus}")` : row.status;
    default: return row[key];
  }
}

export const riskText = (r: SoaRowRisk): string => (r.title ? `${r.id}: ${r.title}` : r.id);
