// Which edition a spreadsheet row means, decided per row from its ID and title together. A.5.1
// is both the 2022 control "Policies for information security" and the 2013 objective
// "Management direction for information security"; the title on the row tells them apart, and
// only a row without a telling title follows the sheet's majority. A sheet is 2013 only when its
// three-part 2013 IDs outnumber the rows that can only be 2022, so a 2022 sheet with a few 2013
// IDs stays 2022.
import { catalogue } from '../catalogue';
import { normaliseControlId } from '../controlRef';
import { catalogueTitle, judgeTitle, type Edition } from '../titleMatch';

/** The leading control ID of a cell ("A.5.1", "5.1 Policies ...", "A 05.01"), normalised, and the text after it. */
export function leadingControlId(cell: string): { id: string; rest: string } | undefined {
  const m = /^\s*'?\s*\**\s*((?:iso[ _]?27001(?::20\d\d)?:)?(?:annex[ \t]*)?a?[ \t]*\.?[ \t]*\d{1,2}(?:\.\d{1,2}){1,2})(?![\d.]*\d)\.?\**/i.exec(cell);
  if (!m) return undefined;
  const id = normaliseControlId(m[1]);
  return id ? { id, rest: cell.slice(m[0].length).replace(/^[\s:–—-]+/, '').trim() } : undefined;
}

const depth = (id: string): number => id.split('.').length - 1;

export type RowEdition =
  | { kind: '2022'; id: string }
  | { kind: '2013'; id: string; successors: string[]; title: string }
  | { kind: 'objective'; id: string; title: string }
  | { kind: 'unknown'; id: string };

/** How a row's title relates to its ID, when it names another control. */
export interface TitleDisagreement { written: string; expected: string; matchedId: string; matchedTitle: string }

export function titleSays(id: string, title: string, edition: Edition): 'match' | 'other' | 'unsure' {
  if (!title.trim()) return 'unsure';
  const v = judgeTitle(id, title, { edition });
  return v.verdict === 'match' ? 'match' : v.verdict === 'mismatch' ? 'other' : 'unsure';
}

/** The sheet's edition from its IDs and titles: 2013 only if 2013 control IDs outnumber rows that can only be 2022. */
export function sheetEdition(rows: { id: string; title: string }[]): { edition: Edition; legacyRows: number; currentRows: number } {
  let legacyRows = 0;
  let currentRows = 0;
  for (const { id, title } of rows) {
    if (depth(id) === 3) { if (catalogue.legacyControl(id)) legacyRows++; continue; }
    if (!catalogue.control(id)) continue;
    if (!catalogue.legacyObjective(id) || titleSays(id, title, '2022') === 'match') currentRows++;
  }
  return { edition: legacyRows > currentRows ? '2013' : '2022', legacyRows, currentRows };
}

/** What one row's ID means, given its title and the sheet's edition. */
export function resolveRow(id: string, title: string, edition: Edition): RowEdition {
  if (depth(id) === 3) {
    const l = catalogue.legacyControl(id);
    return l ? { kind: '2013', id, successors: l.successors, title: l.title } : { kind: 'unknown', id };
  }
  const current = catalogue.control(id);
  const objective = catalogue.legacyObjective(id);
  if (current && !objective) return { kind: '2022', id };
  if (!current && objective) return { kind: 'objective', id, title: catalogueTitle(id, '2013') ?? '' };
  if (!current) return { kind: 'unknown', id };
  // Both a 2022 control and a 2013 objective: the title decides, then the sheet.
  if (titleSays(id, title, '2022') === 'match') return { kind: '2022', id };
  if (titleSays(id, title, '2013') === 'match') return { kind: 'objective', id, title: catalogueTitle(id, '2013') ?? '' };
  return edition === '2013' ? { kind: 'objective', id, title: catalogueTitle(id, '2013') ?? '' } : { kind: '2022', id };
}

/** The other control whose title the row carries, if the title clearly names another control. */
export function titleDisagreement(id: string, title: string, edition: Edition): TitleDisagreement | undefined {
  if (!title.trim()) return undefined;
  const v = judgeTitle(id, title, { edition });
  if (v.verdict !== 'mismatch' || !v.matched) return undefined;
  const matchedId = v.suggestions[0] ?? v.matched.id;
  return {
    written: title.trim(),
    expected: v.expected ?? catalogueTitle(id, edition) ?? '',
    matchedId,
    matchedTitle: catalogueTitle(matchedId, depth(matchedId) === 3 ? '2013' : edition) ?? v.matched.title,
  };
}
