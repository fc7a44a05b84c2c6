// Findings and references as assistants receive them: plain records with a path relative to the
// served folder and one-based line and column (the same numbers `isms-author check --format
// json` prints), filtered and cut into pages.
import { DIAGNOSTIC_CODES } from '../codes';
import type { Finding, Severity } from '../types';
import { displayPath, relativePath } from '../uris';
import { ToolInputError } from './errors';

export interface FindingRecord {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

/** The path of `uri` relative to the first root that holds it, else its file system path. */
export function displayFile(roots: readonly string[], uri: string): string {
  for (const root of roots) {
    const rel = relativePath(root, uri);
    if (rel !== undefined) return rel;
  }
  return displayPath(uri);
}

export function findingRecord(roots: readonly string[], f: Finding): FindingRecord {
  return {
    file: displayFile(roots, f.uri),
    line: f.range.start.line + 1, column: f.range.start.character + 1,
    endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1,
    severity: f.severity, code: f.code, message: f.message,
  };
}

export function summary(findings: readonly { severity: Severity }[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** Keeps findings at or above `minSeverity` whose code is listed or starts with a listed family ("soa/"). */
export function findingFilter(codes: readonly string[] | undefined, minSeverity: Severity | undefined): (f: { code: string; severity: Severity }) => boolean {
  const families = new Set(DIAGNOSTIC_CODES.map((c) => c.split('/')[0]));
  for (const c of codes ?? []) {
    const family = c.replace(/\/$/, '');
    if (!(DIAGNOSTIC_CODES as readonly string[]).includes(c) && !families.has(family)) {
      throw new ToolInputError(`"${c}" is not a diagnostic code. Use a code such as soa/missing-control or a family such as ${[...families].map((x) => `${x}/`).join(', ')}.`);
    }
  }
  if (minSeverity !== undefined && !SEVERITIES.includes(minSeverity)) throw new ToolInputError(`minSeverity must be one of ${SEVERITIES.join(', ')}.`);
  const wanted = codes?.length ? codes.map((c) => (c.includes('/') && !c.endsWith('/') ? c : `${c.replace(/\/$/, '')}/`)) : undefined;
  const floor = minSeverity ? RANK[minSeverity] : 0;
  return (f) => RANK[f.severity] >= floor && (!wanted || wanted.some((w) => (w.endsWith('/') ? f.code.startsWith(w) : f.code === w)));
}

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 500;

export interface Page<T> { items: T[]; total: number; nextCursor?: string }

/**
 * One page of `items`. The cursor is the offset of the next item as text: results are computed
 * afresh on each call, so a cursor is a position, not a snapshot.
 */
export function paginate<T>(items: readonly T[], cursor: string | undefined, limit: number | undefined): Page<T> {
  const size = limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw new ToolInputError(`limit must be a whole number from 1 to ${MAX_PAGE}.`);
  let start = 0;
  if (cursor !== undefined && cursor !== '') {
    if (!/^\d{1,9}$/.test(cursor) || Number(cursor) > items.length) throw new ToolInputError(`The cursor "${cursor.slice(0, 40)}" is not one this tool returned (there are ${items.length} results); call again without a cursor.`);
    start = Number(cursor);
  }
  const end = Math.min(items.length, start + size);
  return { items: items.slice(start, end), total: items.length, ...(end < items.length ? { nextCursor: String(end) } : {}) };
}
