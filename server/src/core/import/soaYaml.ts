// The soa.yaml text from the entries the importer collected: catalogue order, the catalogue title
// and any 2013 predecessor or title disagreement as comments, merged rows combined (applicable if
// any row says so, the least advanced status), and the controls the table does not mention named
// in the report.
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { catalogue } from '../catalogue';
import type { Edition } from '../titleMatch';
import type { Reason, Status } from './values';

const STATUS_ORDER: Status[] = ['not-started', 'planned', 'partial', 'implemented'];
export const META_KEYS = ['organization', 'version', 'approved-by', 'approved-on'] as const;
export type MetaKey = (typeof META_KEYS)[number];

/** What the rows say about one 2022 control (several rows when 2013 controls share a successor). */
export interface SoaDraft {
  sources: { row: number; id: string; legacy: boolean }[];
  applicable: boolean[];
  status: (Status | 'excluded')[];
  reasons: Reason[];
  risks: string[];
  policies: string[];
  text: Map<string, string[]>;
  comments: string[];
  /** Status words from another scale, kept as a comment beside the value read from them. */
  originalStatus: string[];
}

export const newDraft = (): SoaDraft => ({ sources: [], applicable: [], status: [], reasons: [], risks: [], policies: [], text: new Map(), comments: [], originalStatus: [] });

export function writeSoaYaml(drafts: ReadonlyMap<string, SoaDraft>, meta: Partial<Record<MetaKey, string>>, source: string, edition: Edition, report: string[]): { yaml: string; count: number } {
  const doc = new Document();
  const root = new YAMLMap();
  doc.contents = root as never;
  doc.commentBefore = ` Statement of Applicability, imported from ${source} by isms-author import.\n Review every entry: the import copies what the table says and decides nothing.`;
  const put = (map: YAMLMap, key: string, value: unknown) => {
    const node = value instanceof Scalar || value instanceof YAMLSeq || value instanceof YAMLMap ? value : new Scalar(value);
    map.add(new Pair(new Scalar(key), node));
  };
  put(root, 'standard', 'ISO/IEC 27001:2022');
  for (const k of META_KEYS) if (meta[k]) put(root, k, meta[k]);
  const missingMeta = META_KEYS.filter((k) => !meta[k]);
  const controls = new YAMLMap();
  const controlsKey = new Scalar('controls');
  if (missingMeta.length) controlsKey.commentBefore = ` Add ${missingMeta.join(', ')} above before the SoA is approved.`;
  root.add(new Pair(controlsKey, controls));

  for (const control of catalogue.controls) {
    const d = drafts.get(control.id);
    if (!d) continue;
    const key = new Scalar(control.id);
    const comment = [` ${control.id} ${control.title} (${control.theme})`];
    const legacySources = [...new Set(d.sources.filter((s) => s.legacy).map((s) => s.id))];
    if (legacySources.length) comment.push(` converted from ISO/IEC 27001:2013 ${legacySources.join(', ')}`);
    comment.push(...[...new Set(d.comments)]);
    key.commentBefore = comment.join('\n');
    if (d.sources.length > 1) report.push(`${control.id}: rows ${d.sources.map((s) => s.row).join(', ')} (${[...new Set(d.sources.map((s) => s.id))].join(', ')}) were merged into one entry.`);
    const body = new YAMLMap();
    const anyTrue = d.applicable.includes(true);
    const anyFalse = d.applicable.includes(false);
    const applicable = anyTrue ? true : anyFalse ? false : undefined;
    if (anyTrue && anyFalse) report.push(`${control.id}: the merged rows disagree on applicability; written as applicable.`);
    const statuses = d.status.filter((s): s is Status => s !== 'excluded');
    const excludedByStatus = d.status.length > 0 && statuses.length === 0;
    let status: Status | undefined = statuses.length ? STATUS_ORDER.find((s) => statuses.includes(s)) : undefined;
    let finalApplicable = applicable;
    if (finalApplicable === undefined && excludedByStatus) finalApplicable = false;
    if (finalApplicable === true && excludedByStatus) report.push(`${control.id}: applicable, but the status says not applicable; check the entry.`);
    if (finalApplicable === false && status) {
      report.push(`${control.id}: excluded, but the status says ${status}; the status was not written (the original is kept as a comment).`);
      status = undefined;
    }
    const original = d.originalStatus.length ? ` ${d.originalStatus.map((o) => `"${o}"`).join(', ')}` : undefined;
    if (finalApplicable !== undefined) {
      const node = new Scalar(finalApplicable);
      if (original && !status) node.comment = ` status${original}`;
      put(body, 'applicable', node);
    }
    if (status) {
      const node = new Scalar(status);
      if (original) node.comment = original;
      put(body, 'status', node);
    }
    if (d.reasons.length) put(body, 'reasons', flowSeq(d.reasons));
    if (d.risks.length) put(body, 'risks', flowSeq(d.risks));
    const textOf = (k: string): string | undefined => {
      const values = d.text.get(k);
      if (!values?.length) return undefined;
      // Rows merged into one control (2013 controls sharing a successor): keep each row's text, in
      // row order. No ID prefixes: IDs in prose are references and would be flagged as 2013 IDs.
      return values.join(k === 'owner' ? '; ' : '\n');
    };
    const text = (k: string) => { const v = textOf(k); if (v !== undefined) put(body, k, v); };
    text('justification');
    text('owner');
    if (d.policies.length) put(body, 'policies', flowSeq(d.policies));
    text('evidence');
    text('notes');
    for (const k of [...d.text.keys()].filter((k) => k.startsWith('x-'))) text(k);
    controls.add(new Pair(key, body));
  }

  const present = catalogue.controls.filter((c) => drafts.has(c.id));
  const missing = catalogue.controls.filter((c) => !drafts.has(c.id));
  if (missing.length) {
    report.push(`Missing from the table (${missing.length}): ${missing.map((c) => c.id).join(', ')}. Add an entry for each before the SoA is complete.`);
    const newOnes = missing.filter((c) => c.isNew);
    if (edition === '2013' && newOnes.length) report.push(`${newOnes.length} of them are new in ISO/IEC 27001:2022 and have no 2013 predecessor: ${newOnes.map((c) => c.id).join(', ')}.`);
  } else {
    report.push('All 93 Annex A controls are present.');
  }
  return { yaml: doc.toString({ lineWidth: 0, flowCollectionPadding: false }), count: present.length };
}

function flowSeq(items: string[]): YAMLSeq {
  const seq = new YAMLSeq();
  seq.flow = true;
  for (const i of items) seq.items.push(new Scalar(i));
  return seq;
}
